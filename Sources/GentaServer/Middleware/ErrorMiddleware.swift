import GentaCore
import GentaStore
import Hummingbird
import Logging

/// Maps every error to the API's JSON error shape and status, in exactly one place.
///
/// Domain errors (`AppError`) carry their code and message; Hummingbird's own errors (no such
/// route, malformed request) get a code here; the database being unreachable or busy beyond
/// its bounded wait is a 503 with `Retry-After`; anything else is a bug: it is logged as critical
/// with the request id and the caller gets a 500 that reveals nothing internal.
///
/// Every 5xx but the database's own unavailability is also written to `error_logs` (with the
/// request id the caller was given); a failure to write it is logged, never a second error.
struct ErrorMiddleware: RouterMiddleware {
    typealias Context = GentaRequestContext

    let errorLog: ErrorLogQueries?
    let clock: WallClock

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as AppError {
            let status = Self.status(of: error.kind)
            var response = Response.json(
                ErrorBody(code: error.code, message: error.message, details: error.details), status: status)
            if let seconds = error.retryAfterSeconds { response.headers[.retryAfter] = String(seconds) }
            if status.code >= 500 {
                await record(type: error.code, message: error.message, severity: .high, status: status, request, context)
            }
            return response
        } catch let error as HTTPError {
            return Self.response(for: error, request: request)
        } catch let error as BankValidationError {
            // A question or passage that is not valid content: every problem, by field.
            return Response.json(RejectionResponse(code: "invalid_\(error.subject.rawValue)",
                message: "The \(error.subject.rawValue) has \(error.problems.count) problem(s); nothing was saved.", error.problems),
                status: .unprocessableContent)
        } catch let error as DatabaseUnavailable {
            // Not a bug and not the caller's fault: logged with its detail, answered with a retry.
            context.logger.error("database unavailable", metadata: ["reason": "\(error.reason)", "error": "\(error.detail)"])
            var response = Response.json(
                ErrorBody(code: "database_unavailable",
                    message: "The service is briefly unable to reach its database; please try again in a few seconds."),
                status: .serviceUnavailable)
            response.headers[.retryAfter] = "2"
            return response
        } catch {
            context.logger.critical(
                "unhandled error", metadata: ["error": "\(String(reflecting: error))", "path": "\(request.uri.path)"])
            await record(type: "\(type(of: error))", message: String(reflecting: error), severity: .critical,
                status: .internalServerError, request, context)
            return .json(
                ErrorBody(
                    code: "internal_error",
                    message: "Something went wrong on our side. Quote request id \(context.requestID) when reporting it."),
                status: .internalServerError)
        }
    }

    private func record(
        type: String, message: String, severity: ErrorLogEntry.Severity, status: HTTPResponse.Status, _ request: Request,
        _ context: Context
    ) async {
        guard let errorLog else { return }
        do {
            try await errorLog.record(ErrorLogEntry(
                type: type, message: message, severity: severity, userID: context.user?.id ?? context.signedIn.value, endpoint: request.uri.path,
                method: request.method.rawValue, status: status.code, environment: nil, requestID: context.requestID,
                createdAt: clock.now()))
        } catch {
            context.logger.warning("could not record the error in error_logs", metadata: ["error": "\(error)"])
        }
    }

    static func status(of kind: AppError.Kind) -> HTTPResponse.Status {
        switch kind {
        case .badRequest: .badRequest
        case .unauthorized: .unauthorized
        case .forbidden: .forbidden
        case .notFound: .notFound
        case .methodNotAllowed: .methodNotAllowed
        case .unsupportedMediaType: .unsupportedMediaType
        case .requestTimeout: .requestTimeout
        case .conflict: .conflict
        case .payloadTooLarge: .contentTooLarge
        case .unprocessable: .unprocessableContent
        case .tooManyRequests: .tooManyRequests
        case .unavailable: .serviceUnavailable
        case .badGateway: .badGateway
        }
    }

    static func response(for error: HTTPError, request: Request) -> Response {
        let (code, fallback): (String, String) =
            switch error.status {
            case .notFound: ("not_found", "There is no \(request.method) \(request.uri.path) in this API.")
            case .methodNotAllowed: ("method_not_allowed", "\(request.method) is not allowed on \(request.uri.path).")
            case .contentTooLarge: ("body_too_large", "The request body is too large.")
            case .badRequest: ("bad_request", "The request could not be understood.")
            default: ("http_\(error.status.code)", error.status.reasonPhrase)
            }
        var response = Response.json(ErrorBody(code: code, message: error.body ?? fallback), status: error.status)
        for field in error.headers { response.headers.append(field) }
        return response
    }
}
