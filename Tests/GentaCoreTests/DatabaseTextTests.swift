import GentaCore
import Testing

@Suite("Text as the database counts it")
struct DatabaseTextTests {
    @Test("code points are counted, not characters: 200 × 👍🏽 is 400 code points")
    func codePoints() {
        let thumbs = String(repeating: "👍🏽", count: 200)
        #expect(thumbs.count == 200)
        #expect(DatabaseText.checked(thumbs, maximum: 255) == .failure(.tooLong(maximum: 255)))
        #expect(DatabaseText.checked(String(repeating: "👍🏽", count: 127), maximum: 255) == .success(String(repeating: "👍🏽", count: 127)))
        // 60 "é" (precomposed, one code point each) + 30 "👍🏽" = 90 characters, 120 code points.
        let key = String(repeating: "\u{e9}", count: 60) + String(repeating: "👍🏽", count: 30)
        #expect(DatabaseText.checked(key, maximum: 100) == .failure(.tooLong(maximum: 100)))
        // 90 flags: 90 characters, 180 code points.
        #expect(DatabaseText.checked(String(repeating: "🇮🇩", count: 90), maximum: 100) == .failure(.tooLong(maximum: 100)))
    }

    @Test("NUL and other control characters are refused; ordinary text is trimmed", arguments: [
        "a\u{0}b", "line\nbreak", "tab\there", "esc\u{1B}[31m", "del\u{7F}x", "c1\u{85}x",
    ])
    func controls(text: String) {
        #expect(DatabaseText.checked(text, maximum: 255) == .failure(.controlCharacter))
    }

    @Test func trimmedAndEmpty() {
        #expect(DatabaseText.checked("  Siti Rahma  ", maximum: 255) == .success("Siti Rahma"))
        #expect(DatabaseText.checked(" \u{3000} ", maximum: 255) == .failure(.empty))
    }

    @Test("fitting keeps what it can: controls dropped, cut on a character boundary")
    func fitting() {
        let name = DatabaseText.fitting(String(repeating: "👍🏽", count: 200), maximum: 255)
        #expect(name == String(repeating: "👍🏽", count: 127), "128 would need 256 code points")
        #expect(DatabaseText.fitting("Bu\u{0}di\n", maximum: 255) == "Budi")
        #expect(DatabaseText.fitting("\u{0}\u{1}  ", maximum: 255) == nil)
    }
}

@Suite("Bounded conversions of outside numbers")
struct BoundedTests {
    @Test func clampsInsteadOfTrapping() {
        #expect(Bounded.integer(1e20, in: 0...100) == 100)
        #expect(Bounded.integer(-.infinity, in: 0...100) == 0)
        #expect(Bounded.integer(.infinity, in: 1...86_400) == 86_400)
        #expect(Bounded.integer(.nan, in: 0...100) == nil)
        #expect(Bounded.integer(2.1, in: 0...100) == 3)
        #expect(Bounded.duration(seconds: 1e20, maximum: .seconds(60)) == .seconds(60))
        #expect(Bounded.duration(seconds: 1.25, maximum: .seconds(60)) == .milliseconds(1250))
        #expect(Duration.seconds(Int64.max).milliseconds == Int.max)
        #expect(Bounded.nearest(545.5, in: 200...1000) == 546)
        #expect(Bounded.nearest(545.4, in: 200...1000) == 545)
        #expect(Bounded.nearest(.nan, in: 200...1000) == nil)
    }
}

@Suite("Token bucket")
struct TokenBucketTests {
    @Test("a burst is allowed, then one request per refill interval, with the wait to the next token")
    func burstThenRate() {
        var bucket = TokenBucket(capacity: 3, refillPerSecond: 0.5, now: 0)
        #expect((0..<3).map { _ in bucket.take(now: 0) } == [.allowed, .allowed, .allowed])
        #expect(bucket.take(now: 0) == .refused(retryAfterSeconds: 2))
        #expect(bucket.take(now: 1.5) == .refused(retryAfterSeconds: 1))
        #expect(bucket.take(now: 2) == .allowed)
        #expect(bucket.take(now: 2) == .refused(retryAfterSeconds: 2))
        #expect(!bucket.isFull(now: 3))
        #expect(bucket.isFull(now: 8))
    }

    @Test("time running backwards never adds tokens")
    func monotonic() {
        var bucket = TokenBucket(capacity: 1, refillPerSecond: 1, now: 10)
        #expect(bucket.take(now: 10) == .allowed)
        #expect(bucket.take(now: 5) == .refused(retryAfterSeconds: 1))
    }
}
