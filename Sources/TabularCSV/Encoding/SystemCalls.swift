#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// The C library's read, write and close under names of their own, for types whose own `read`, `write` or `close`
// methods would shadow the C functions (Glibc.close works on Linux only; these work on Linux and macOS).

/// `read(2)`.
func systemRead(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
    read(descriptor, buffer, count)
}

/// `write(2)`.
func systemWrite(_ descriptor: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
    write(descriptor, buffer, count)
}

/// `close(2)`.
@discardableResult
func systemClose(_ descriptor: Int32) -> Int32 {
    close(descriptor)
}
