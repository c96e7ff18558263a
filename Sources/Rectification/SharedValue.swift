/// A value held in one immutable box that copies share: a table repeats a few dozen deadline and status readings, so
/// each measure holds a reference instead of the parts. Changing the value makes a new box; equality compares the
/// boxes first, then the values.
struct SharedValue<Value: Sendable & Hashable>: Sendable, Hashable {
    private final class Box: Sendable {
        let value: Value
        init(_ value: Value) { self.value = value }
    }

    private var box: Box

    /// Boxes a value.
    init(_ value: Value) { box = Box(value) }

    /// The value; setting it (or a part of it) makes a new box, leaving other copies as they were.
    var value: Value {
        get { box.value }
        set { box = Box(newValue) }
    }

    static func == (lhs: SharedValue, rhs: SharedValue) -> Bool { lhs.box === rhs.box || lhs.box.value == rhs.box.value }

    func hash(into hasher: inout Hasher) { hasher.combine(box.value) }
}
