internal import CYaml
import Foundation
import Yams

/// Reads YAML as a stream of libyaml events, before any value is built, and refuses a file that is
/// not valid YAML or that would grow past `InputLimits` once its aliases are expanded: a 1 KB file
/// of nested aliases ("billion laughs") names a billion values. Costs one pass over the text and
/// memory for one weight per anchor; the values themselves are never built.
///
/// Every YAML reader of user input calls `check` before composing the file with Yams, which would
/// otherwise expand (or hash, for alias keys) the whole tree.
package enum YAMLPrecheck {
    /// Why a YAML file is refused: the message (without the file's name) and the line it is about.
    package struct Problem: Error, Sendable, CustomStringConvertible {
        package let line: Int
        package let message: String
        package var description: String { message }
    }

    package static func check(_ text: String) throws(Problem) {
        let reader = EventReader(text)
        var walk = Walk()
        while true {
            let event: EventReader.Event?
            do { event = try reader.next() } catch let e as EventReader.SyntaxError {
                if e.problem.contains("nesting level") { throw Problem(line: e.line, message: Walk.tooDeep) }
                throw Problem(line: e.line, message: "not valid YAML at line \(e.line), column \(e.column): \(e.problem): "
                              + "“\(InputLimits.excerpt(of: text, line: e.line, column: e.column))”")
            } catch { throw Problem(line: 1, message: "not valid YAML: \(error)") }
            guard let event else { return }
            if let message = walk.take(event) { throw Problem(line: event.line, message: message) }
        }
    }

    /// A Yams error as a short sentence: the problem, its line and column, and a quote of at most 80
    /// characters of the line (Yams' own description repeats the whole line, however long).
    package static func describe(_ error: Error, in text: String) -> String {
        guard let y = error as? YamlError else { return "not valid YAML: \(error)" }
        switch y {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
            return "not valid YAML at line \(mark.line), column \(mark.column): \(problem): "
                + "“\(InputLimits.excerpt(of: text, line: mark.line, column: mark.column))”"
        case .duplicatedKeysInMapping(let duplicates, let context):
            let keys = duplicates.prefix(5).map { "`\(InputLimits.excerpt($0[...], column: 1, width: 40))`" }.joined(separator: ", ")
            return "not valid YAML at line \(context.mark.line): a mapping has the same key twice (\(keys)); keep one"
        default:
            return "not valid YAML: \(InputLimits.excerpt("\(y)"[...], column: 1, width: 200))"
        }
    }

    /// The expanded size of what has been read: one frame per open list or mapping.
    struct Walk {
        struct Frame { var anchor: String?; var weight = 1; var depthBelow = 0 }
        var stack: [Frame] = []
        /// Values (nodes) and nesting below each anchor, counting what its own aliases expand to.
        var anchors: [String: (weight: Int, depth: Int)] = [:]
        var aliases = 0
        var expansion = 0

        /// Takes one event; returns why the file is refused, when a limit is passed.
        mutating func take(_ event: EventReader.Event) -> String? {
            switch event.kind {
            case .open:
                stack.append(Frame(anchor: event.anchor))
                if stack.count > InputLimits.nestingDepth { return Self.tooDeep }
            case .close:
                guard let frame = stack.popLast() else { return nil }
                if let a = frame.anchor { anchors[a] = (frame.weight, frame.depthBelow) }
                add(weight: frame.weight, depth: frame.depthBelow + 1)
            case .scalar:
                if let a = event.anchor { anchors[a] = (1, 0) }
                add(weight: 1, depth: 0)
            case .alias:
                aliases += 1
                let (weight, depth) = event.anchor.flatMap { anchors[$0] } ?? (1, 0)
                expansion = min(expansion + weight, Int.max / 4)
                if aliases > InputLimits.yamlAliases {
                    return "too many aliases (more than \(InputLimits.yamlAliases)); YAML aliases (*name) repeat what their anchor (&name) names, so write the values out"
                }
                if expansion > InputLimits.yamlAliasExpansion {
                    return "too many aliases: they expand to more than \(InputLimits.yamlAliasExpansion) values (line \(event.line)); YAML anchors (&name) and aliases (*name) repeat what they name and nested aliases multiply, so write the values out or use fewer nested aliases"
                }
                if stack.count + depth > InputLimits.nestingDepth { return Self.tooDeep }
                add(weight: weight, depth: depth)
            }
            return nil
        }

        mutating func add(weight: Int, depth: Int) {
            guard !stack.isEmpty else { return }
            stack[stack.count - 1].weight = min(stack[stack.count - 1].weight + weight, Int.max / 4)
            stack[stack.count - 1].depthBelow = max(stack[stack.count - 1].depthBelow, depth)
        }

        static let tooDeep = "lists and mappings are nested more than \(InputLimits.nestingDepth) deep (aliases included), over the limit; manifests, cue sheets and presets need only a few"
    }
}

/// libyaml's event parser over a copy of the text: the one owner of the parser and of the buffer it reads.
final class EventReader {
    struct Event {
        enum Kind { case open, close, scalar, alias }
        let kind: Kind
        /// The anchor a node defines, or the one an alias names.
        let anchor: String?
        /// 1-based.
        let line: Int
    }

    struct SyntaxError: Error { let line: Int; let column: Int; let problem: String }

    private var parser = yaml_parser_t()
    private let buffer: UnsafeMutableBufferPointer<UInt8>
    private var finished = false

    init(_ text: String) {
        let bytes = Array(text.utf8)
        buffer = .allocate(capacity: max(1, bytes.count))
        _ = buffer.initialize(from: bytes)
        yaml_parser_initialize(&parser)
        yaml_parser_set_input_string(&parser, buffer.baseAddress, bytes.count)
    }

    deinit {
        yaml_parser_delete(&parser)
        buffer.deallocate()
    }

    /// The next event that matters for sizes; `nil` at the end of the stream.
    func next() throws -> Event? {
        while !finished {
            var event = yaml_event_t()
            guard yaml_parser_parse(&parser, &event) == 1 else { throw syntaxError() }
            defer { yaml_event_delete(&event) }
            let line = Int(event.start_mark.line) + 1
            func name(_ p: UnsafeMutablePointer<yaml_char_t>?) -> String? { p.map { String(cString: $0) } }
            switch event.type {
            case YAML_STREAM_END_EVENT: finished = true
            case YAML_ALIAS_EVENT: return Event(kind: .alias, anchor: name(event.data.alias.anchor), line: line)
            case YAML_SCALAR_EVENT: return Event(kind: .scalar, anchor: name(event.data.scalar.anchor), line: line)
            case YAML_SEQUENCE_START_EVENT: return Event(kind: .open, anchor: name(event.data.sequence_start.anchor), line: line)
            case YAML_MAPPING_START_EVENT: return Event(kind: .open, anchor: name(event.data.mapping_start.anchor), line: line)
            case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT: return Event(kind: .close, anchor: nil, line: line)
            default: continue
            }
        }
        return nil
    }

    private func syntaxError() -> SyntaxError {
        var problem = parser.problem.map { String(cString: $0) } ?? "cannot be read"
        if let context = parser.context.map({ String(cString: $0) }) { problem += " (\(context))" }
        return SyntaxError(line: Int(parser.problem_mark.line) + 1, column: Int(parser.problem_mark.column) + 1, problem: problem)
    }
}
