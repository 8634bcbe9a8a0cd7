import Support

/// The JSON messages exchanged with an external plugin. One request object is written to the
/// plugin's standard input, one response object is read from its standard output; the process
/// then exits. See docs/plugin-protocol.md.
public enum ExternalPluginProtocol {
    public static let version = "marquee-plugin/1"

    /// A parameter as an external plugin declares it.
    public struct Parameter: Codable, Sendable {
        public var name: String
        /// `number`, `integer`, `boolean`, `string`, `choice` or `color`.
        public var type: String
        public var `default`: ParameterValue
        public var min: Double?
        public var max: Double?
        public var choices: [String]?
        public var doc: String?
    }

    /// The answer to `{"protocol": …, "method": "describe"}`.
    public struct Description: Codable, Sendable {
        public var `protocol`: String
        public var name: String
        public var kind: String
        public var summary: String
        public var parameters: [Parameter]?
    }

    /// A request for a plugin's work: the method its kind defines (e.g. `check`), the validated
    /// parameters and the kind's input.
    public struct Request<Input: Encodable & Sendable>: Encodable, Sendable {
        public var `protocol`: String = ExternalPluginProtocol.version
        public var method: String
        public var parameters: [String: ParameterValue]
        public var input: Input
    }
}

extension ExternalPluginProtocol.Request: Decodable where Input: Decodable {}
