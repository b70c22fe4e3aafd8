import Crypto

/// The `signature_key` of a Midtrans notification: lower-case hex SHA-512 of
/// `order_id + status_code + gross_amount + server_key`, over the strings exactly as received.
public enum MidtransSignature {
    public static func expected(orderID: String, statusCode: String, grossAmount: String, serverKey: String) -> String {
        let digest = SHA512.hash(data: Array((orderID + statusCode + grossAmount + serverKey).utf8))
        return digest.map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }

    /// Compares in time independent of where the strings differ, so the answer time tells an
    /// attacker nothing about how much of a forged signature was right.
    public static func isValid(_ signature: String, orderID: String, statusCode: String, grossAmount: String, serverKey: String) -> Bool {
        let expected = Array(expected(orderID: orderID, statusCode: statusCode, grossAmount: grossAmount, serverKey: serverKey).utf8)
        let given = Array(signature.utf8)
        guard given.count == expected.count else { return false }
        var difference: UInt8 = 0
        for (a, b) in zip(given, expected) {
            difference |= a ^ b
        }
        return difference == 0
    }
}
