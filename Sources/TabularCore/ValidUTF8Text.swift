/// A `String` of bytes the caller knows to be valid UTF-8 (validated before, or a `String`'s own bytes cut at whole
/// scalars), copied without validating them again: `String(decoding:as:)` checks each scalar, which for CJK text costs
/// more than the copy. Bytes that are not valid UTF-8 make a malformed `String`: never pass unvalidated input.
@inline(__always)
package func validUTF8Text(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
    String(copying: unsafe UTF8Span(unchecked: bytes.span))
}
