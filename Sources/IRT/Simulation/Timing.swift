/// Seconds elapsed while running `body`, measured on the injected clock.
func measureSeconds<C: Clock, T>(on clock: C, _ body: () throws -> T) rethrows -> (T, Double) where C.Duration == Duration {
    let start = clock.now
    let value = try body()
    let elapsed = start.duration(to: clock.now).components
    return (value, Double(elapsed.seconds) + Double(elapsed.attoseconds) * 1e-18)
}
