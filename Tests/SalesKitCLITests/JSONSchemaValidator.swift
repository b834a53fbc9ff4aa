import Foundation

/// A validator for the subset of JSON Schema (draft 2020-12) that the committed output schemas use:
/// `type` (a name or a list of names), `properties`, the `deprecated` annotation, `required`, `additionalProperties` (boolean or
/// schema), `items`, `enum`, `const`, `minimum`, `maximum`, `minItems`, `anyOf`, and `$ref` to
/// `#/$defs/NAME`. Any other keyword is refused, so a schema cannot silently ask for more than is
/// checked.
struct JSONSchemaValidator {
    /// A schema that uses a keyword this validator does not implement.
    struct UnsupportedKeyword: Error, CustomStringConvertible {
        var keyword: String, path: String
        var description: String { "schema keyword \"\(keyword)\" at \(path) is not supported by the test validator" }
    }

    private static let known: Set<String> = [
        "$schema", "$id", "$defs", "$ref", "title", "description", "type", "properties", "required",
        "additionalProperties", "items", "enum", "const", "minimum", "maximum", "minItems", "anyOf",
        "deprecated",  // an annotation (an alias kept for one version): nothing to check
    ]

    let root: [String: Any]

    /// Loads a schema document.
    init(schema data: Data) throws {
        guard let root = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw UnsupportedKeyword(keyword: "(not an object)", path: "#")
        }
        self.root = root
        try Self.checkKeywords(root, path: "#")
    }

    private static func checkKeywords(_ schema: [String: Any], path: String) throws {
        for (key, value) in schema {
            guard known.contains(key) else { throw UnsupportedKeyword(keyword: key, path: path) }
            switch key {
            case "properties", "$defs":
                for (name, sub) in value as? [String: Any] ?? [:] {
                    if let sub = sub as? [String: Any] { try checkKeywords(sub, path: "\(path)/\(key)/\(name)") }
                }
            case "items", "additionalProperties":
                if let sub = value as? [String: Any] { try checkKeywords(sub, path: "\(path)/\(key)") }
            case "anyOf":
                for (i, sub) in (value as? [[String: Any]] ?? []).enumerated() { try checkKeywords(sub, path: "\(path)/anyOf/\(i)") }
            default:
                break
            }
        }
    }

    /// Every violation of the schema by `instance`, as `JSON-pointer: what is wrong` (empty when valid).
    func violations(of instance: Any) -> [String] {
        var found: [String] = []
        validate(instance, against: root, at: "", into: &found)
        return found
    }

    private func resolve(_ schema: [String: Any]) -> [String: Any] {
        guard let ref = schema["$ref"] as? String, ref.hasPrefix("#/$defs/") else { return schema }
        let name = String(ref.dropFirst("#/$defs/".count))
        return (root["$defs"] as? [String: Any])?[name] as? [String: Any] ?? [:]
    }

    private static func typeName(_ value: Any) -> String {
        if value is NSNull { return "null" }
        if let number = value as? NSNumber {
            // JSONSerialization makes booleans NSNumbers of Objective-C type "c" (char).
            if String(cString: number.objCType) == "c" { return "boolean" }
            return "number"
        }
        if value is String { return "string" }
        if value is [Any] { return "array" }
        if value is [String: Any] { return "object" }
        return "unknown"
    }

    private static func matches(_ value: Any, type: String) -> Bool {
        let actual = typeName(value)
        if type == "integer", actual == "number", let n = value as? NSNumber { return n.doubleValue.rounded() == n.doubleValue }
        return actual == type
    }

    private func validate(_ value: Any, against raw: [String: Any], at path: String, into found: inout [String]) {
        let schema = resolve(raw)
        let here = path.isEmpty ? "/" : path
        if let types = (schema["type"] as? [String]) ?? (schema["type"] as? String).map({ [$0] }) {
            guard types.contains(where: { Self.matches(value, type: $0) }) else {
                found.append("\(here): \(Self.typeName(value)) where \(types.joined(separator: " or ")) is expected")
                return
            }
        }
        if let options = schema["enum"] as? [Any] {
            if !options.contains(where: { ($0 as? NSObject)?.isEqual(value) == true }) {
                found.append("\(here): \(value) is not one of \(options)")
            }
        }
        if let constant = schema["const"], (constant as? NSObject)?.isEqual(value) != true {
            found.append("\(here): \(value) is not \(constant)")
        }
        if let number = value as? NSNumber, Self.typeName(value) == "number" {
            if let minimum = schema["minimum"] as? Double, number.doubleValue < minimum { found.append("\(here): \(number) < \(minimum)") }
            if let maximum = schema["maximum"] as? Double, number.doubleValue > maximum { found.append("\(here): \(number) > \(maximum)") }
        }
        if let alternatives = schema["anyOf"] as? [[String: Any]] {
            let passes = alternatives.contains { alternative in
                var trial: [String] = []
                validate(value, against: alternative, at: path, into: &trial)
                return trial.isEmpty
            }
            if !passes { found.append("\(here): matches none of the anyOf alternatives") }
        }
        if let object = value as? [String: Any] {
            for key in schema["required"] as? [String] ?? [] where object[key] == nil {
                found.append("\(here): required key \"\(key)\" is missing")
            }
            let properties = schema["properties"] as? [String: Any] ?? [:]
            for (key, member) in object {
                if let sub = properties[key] as? [String: Any] {
                    validate(member, against: sub, at: "\(path)/\(key)", into: &found)
                } else if let extra = schema["additionalProperties"] {
                    if let allowed = extra as? Bool, !allowed {
                        found.append("\(here): unexpected key \"\(key)\"")
                    } else if let sub = extra as? [String: Any] {
                        validate(member, against: sub, at: "\(path)/\(key)", into: &found)
                    }
                }
            }
        }
        if let array = value as? [Any] {
            if let minItems = schema["minItems"] as? Int, array.count < minItems {
                found.append("\(here): \(array.count) items, at least \(minItems) expected")
            }
            if let items = schema["items"] as? [String: Any] {
                for (i, element) in array.enumerated() { validate(element, against: items, at: "\(path)/\(i)", into: &found) }
            }
        }
    }
}
