import ArgumentParser

// Placeholder until the IRT engine's simulation commands land (issue 4).
struct Simulate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "IRT simulations (coming with the IRT engine).")
}
