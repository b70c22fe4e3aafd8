import AsyncHTTPClient
import Foundation
import GentaCore
import GentaIntegrations
import GentaTestSupport
import Testing

@Suite("Midtrans")
struct MidtransTests {
    @Test("the signature matches Midtrans' test vector and compares whole")
    func signatureVector() {
        let key = "askvnoibnosifnboseofinbofinfgbiufglnbfg"
        let expected = "edc076b21793ebe3e17926350f5b8ae67d902fe657b3d0aa31b932d5c127e2375d308a2bc94f3265ac2d80a1f181a79b997ac178a236fcff35af263fc4d4c231"
        #expect(MidtransSignature.expected(orderID: "1111", statusCode: "200", grossAmount: "100000.00", serverKey: key) == expected)
        #expect(MidtransSignature.isValid(expected, orderID: "1111", statusCode: "200", grossAmount: "100000.00", serverKey: key))
        #expect(!MidtransSignature.isValid(expected, orderID: "1111", statusCode: "200", grossAmount: "100000.0", serverKey: key))
        #expect(!MidtransSignature.isValid(String(expected.dropLast()), orderID: "1111", statusCode: "200", grossAmount: "100000.00", serverKey: key))
        #expect(!MidtransSignature.isValid(expected.uppercased(), orderID: "1111", statusCode: "200", grossAmount: "100000.00", serverKey: key))
    }

    @Test("notifications parse leniently: extra fields, any case; missing signed fields are named")
    func parsing() throws {
        let body = #"{"order_id":"GENTA-1","status_code":"200","gross_amount":"49000.00","transaction_status":"Settlement","signature_key":"s","new_field":{"x":1},"fraud_status":"odd"}"#
        let report = try MidtransStatusReport.parse(Array(body.utf8), requireSignature: true).get()
        #expect(report.known?.status == .settlement)
        #expect(report.known?.fraud == .challenge, "an unreadable verdict is never taken as accepted")
        #expect(MidtransStatusReport.parse(Array(#"{"order_id":"x","gross_amount":49000}"#.utf8), requireSignature: true)
            == .failure(.missing(["status_code", "gross_amount", "transaction_status", "signature_key"])))
        #expect(MidtransStatusReport.parse(Array("[1]".utf8), requireSignature: false) == .failure(.notJSONObject))
    }

    @Test("the client creates Snap pages and reads statuses from a stand-in Midtrans")
    func client() async throws {
        let standIn = StandInMidtrans()
        try await withStandInMidtrans(standIn) { base in
            let client = MidtransClient(
                settings: MidtransSettings(serverKey: StandInMidtrans.serverKey, snapBaseURL: base + "/", apiBaseURL: base, timeout: .seconds(1)),
                httpClient: .shared, logger: quietLogger("midtrans"))
            let transaction = SnapTransaction(
                orderID: "GENTA-A1", amountIDR: 49_000, itemID: "premium-30", itemName: "Premium 30 hari", customerName: "Budi",
                customerEmail: "budi@example.com", expiryMinutes: 60)
            let page = try await client.createSnap(transaction)
            #expect(!page.token.isEmpty)
            await #expect(throws: MidtransError.refused(status: 400, messages: ["transaction_details.order_id has already been taken"])) {
                try await client.createSnap(transaction)
            }
            #expect(try await client.status(orderID: "GENTA-A1") == nil, "a page nobody paid on is unknown to the status API")
            await standIn.setTransaction("GENTA-A1", status: "settlement", grossAmount: "49000.00")
            #expect(try await client.status(orderID: "GENTA-A1")?.known?.status == .settlement)
            await #expect(throws: MidtransError.self) { try await client.status(orderID: "../etc") }

            let wrongKey = MidtransClient(
                settings: MidtransSettings(serverKey: "SB-Mid-server-wrong", snapBaseURL: base, apiBaseURL: base),
                httpClient: .shared, logger: quietLogger("midtrans"))
            await #expect(throws: MidtransError.self) { try await wrongKey.createSnap(transaction) }
        }
    }
}
