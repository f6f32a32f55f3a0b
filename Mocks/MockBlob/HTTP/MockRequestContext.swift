import Hummingbird

/// The request context: Hummingbird's core storage plus a way to drop the connection (faults).
struct MockRequestContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    /// Closes the connection at once.
    let dropConnection: @Sendable () -> Void

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        let channel = source.channel
        dropConnection = { channel.close(promise: nil) }
    }
}
