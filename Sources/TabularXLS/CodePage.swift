#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The 8-bit text of a BIFF5 workbook, decoded by its CODEPAGE record (GBK/cp936 in Chinese offices, cp1252 in
/// Western ones) through iconv; ASCII bytes are decoded without it.
final class CodePage {
    /// The Windows code page number (`936`, `1252`, ...).
    let number: Int
    /// The iconv name the number maps to.
    let iconvName: String
    private let descriptor: iconv_t

    /// Opens a decoder, or returns nil when iconv does not know the code page.
    init?(_ number: Int) {
        self.number = number
        switch number {
        case 367: iconvName = "ASCII"
        case 1200: iconvName = "UTF-16LE"
        case 10000, 32768: iconvName = "MACINTOSH"
        case 32769: iconvName = "CP1252"
        case 20932: iconvName = "EUC-JP"
        case 936: iconvName = "GBK"
        case 950: iconvName = "BIG5"
        default: iconvName = "CP\(number)"
        }
        let opened = iconv_open("UTF-8", iconvName)
        guard let opened, opened != iconv_t(bitPattern: -1) else { return nil }
        descriptor = opened
    }

    deinit { iconv_close(descriptor) }

    /// Decodes bytes, or returns nil when they are not valid in the code page.
    func decode(_ bytes: ArraySlice<UInt8>) -> String? {
        if bytes.allSatisfy({ $0 < 0x80 }) { return String(decoding: bytes, as: UTF8.self) }
        var input = Array(bytes)
        var output = [UInt8](repeating: 0, count: input.count * 4 + 16)
        iconv(descriptor, nil, nil, nil, nil)
        let produced: Int? = input.withUnsafeMutableBufferPointer { inBuffer in
            output.withUnsafeMutableBufferPointer { outBuffer in
                var inPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(inBuffer.baseAddress!).assumingMemoryBound(to: CChar.self)
                var inLeft = inBuffer.count
                var outPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outBuffer.baseAddress!).assumingMemoryBound(to: CChar.self)
                var outLeft = outBuffer.count
                let result = iconv(descriptor, &inPointer, &inLeft, &outPointer, &outLeft)
                return result == -1 || inLeft != 0 ? nil : outBuffer.count - outLeft
            }
        }
        guard let produced else { return nil }
        return String(decoding: output[..<produced], as: UTF8.self)
    }
}
