/// Delimiters as users write them on a command line (`--delimiter ';'`, `--delimiter tab`) and as messages name them.
public enum CSVDelimiter {
    /// The byte for a delimiter given as one ASCII character (`,` `;` `|`), the escape `\t`, or a name (`comma`,
    /// `semicolon`, `tab`, `pipe`, `space`); nil for anything else, including a quote, CR, LF and non-ASCII.
    public static func byte(named text: String) -> UInt8? {
        switch text.lowercased() {
        case "comma": return UInt8(ascii: ",")
        case "semicolon": return UInt8(ascii: ";")
        case "tab", "\\t": return 0x09
        case "pipe": return UInt8(ascii: "|")
        case "space": return 0x20
        default:
            let bytes = Array(text.utf8)
            guard bytes.count == 1, let byte = bytes.first, byte < 0x80, byte != UInt8(ascii: "\""),
                  byte != 0x0A, byte != 0x0D, byte != 0
            else { return nil }
            return byte
        }
    }

    /// A readable name for a delimiter byte, for messages: `comma`, `semicolon`, `tab`, `pipe`, or the character.
    public static func name(of byte: UInt8) -> String {
        switch byte {
        case UInt8(ascii: ","): "comma"
        case UInt8(ascii: ";"): "semicolon"
        case 0x09: "tab"
        case UInt8(ascii: "|"): "pipe"
        case 0x20: "space"
        default: "'\(Character(Unicode.Scalar(byte)))'"
        }
    }
}
