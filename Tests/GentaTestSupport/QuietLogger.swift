import Logging

/// A logger that stays silent in test output: failure paths log warnings by design.
public func quietLogger(_ label: String = "genta.tests") -> Logger {
    var logger = Logger(label: label)
    logger.logLevel = .critical
    return logger
}
