import Foundation

/// A small, fast, seedable random number generator: xoshiro256** (Blackman & Vigna, 2018),
/// with its 256-bit state expanded from a 64-bit seed by SplitMix64.
///
/// Deterministic across platforms and Swift versions for a given seed, so simulations,
/// randomesque selection and tests are reproducible. Not cryptographically secure. Period 2^256 − 1;
/// SplitMix64 seeding never yields the all-zero state.
public struct SeededGenerator: RandomNumberGenerator, Sendable, Hashable {
    private var s0: UInt64
    private var s1: UInt64
    private var s2: UInt64
    private var s3: UInt64

    /// Creates a generator whose whole output sequence is determined by `seed`.
    public init(seed: UInt64) {
        var x = seed
        // SplitMix64 step: a Weyl sequence passed through a bijective mixer.
        func splitMix() -> UInt64 {
            x &+= 0x9E37_79B9_7F4A_7C15
            var z = x
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        s0 = splitMix()
        s1 = splitMix()
        s2 = splitMix()
        s3 = splitMix()
    }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        let result = rotateLeft(s1 &* 5, by: 7) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = rotateLeft(s3, by: 45)
        return result
    }

    @inline(__always)
    private func rotateLeft(_ value: UInt64, by shift: UInt64) -> UInt64 {
        (value << shift) | (value >> (64 - shift))
    }
}

extension RandomNumberGenerator {
    /// A uniform double in [0, 1) built from the top 53 bits (every value is a multiple of 2⁻⁵³).
    @inline(__always)
    mutating func nextUnit() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// A standard normal deviate by the Box–Muller transform (uses two uniforms; the second
    /// deviate is discarded so that the stream position depends only on the number of calls).
    mutating func nextStandardNormal() -> Double {
        // 1 − U lies in (0, 1], so the logarithm is finite.
        let u1 = 1 - nextUnit()
        let u2 = nextUnit()
        return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
    }
}
