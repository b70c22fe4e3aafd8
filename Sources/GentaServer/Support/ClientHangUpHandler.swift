import NIOCore
import Synchronization

/// Notices when the client has hung up: its half of the connection closed (Hummingbird allows
/// half-closure, so the channel itself stays active to write an answer nobody will read) or the
/// whole connection dropped. Long waits ask it, through the request context, whether to go on.
final class ClientHangUpHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = Any

    /// Shared with the request handlers, which read it from other threads.
    final class Flag: Sendable {
        private let value = Atomic(false)
        var isSet: Bool { value.load(ordering: .relaxed) }
        func set() { value.store(true, ordering: .relaxed) }
    }

    let flag = Flag()

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let event = event as? ChannelEvent, event == .inputClosed { flag.set() }
        context.fireUserInboundEventTriggered(event)
    }

    func channelInactive(context: ChannelHandlerContext) {
        flag.set()
        context.fireChannelInactive()
    }
}
