import ArgumentParser
import GentaCore
import GentaIntegrations
import GentaServer

struct Token: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Mint a local sign-in token (local auth mode only); prints only the token.",
        discussion: """
            The token is signed with GENTA_LOCAL_AUTH_SECRET, or with the key file kept beside the \
            SQLite database (created on first use). Use it as `Authorization: Bearer TOKEN`. \
            With Clerk configured (GENTA_AUTH=clerk) sign in through Clerk instead.
            """
    )

    @Option(help: "E-mail address of the account (created on its first request).")
    var email: String

    @Option(help: "student, reviewer or admin.")
    var role: Role = .student

    @Option(help: "Display name.")
    var name: String?

    func validate() throws {
        let parts = email.split(separator: "@")
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains(".") else {
            throw ValidationError("--email must be an e-mail address (got \"\(email)\").")
        }
        // The account id is "local|" + the address, kept in a 255-code-point column.
        guard case .success = DatabaseText.checked(email, maximum: 240) else {
            throw ValidationError("--email must be at most 240 characters, without control characters.")
        }
        if let name, case .failure = DatabaseText.checked(name, maximum: 255) {
            throw ValidationError("--name must be 1 to 255 characters, without control characters.")
        }
    }

    func run() async throws {
        let configuration = try CommandSupport.configuration()
        guard let secret = try configuration.auth.localSecret() else {
            CommandSupport.fail("GENTA_AUTH: tokens are minted only in local mode; sign in through Clerk instead")
        }
        let issuer = try LocalTokenIssuer(secret: secret, clock: .system)
        print(try await issuer.mint(email: email, role: role, name: name))
    }
}

extension Role: ExpressibleByArgument {}
