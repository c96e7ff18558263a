import Foundation
import Synchronization
import TabularCore
import Testing

@Suite("The bounded queue between pipeline threads")
struct BoundedQueueTests {
    struct Broken: Error, Equatable {}

    @Test("elements arrive in order across threads, whatever the capacity", arguments: [1, 2, 16])
    func order(capacity: Int) throws {
        let queue = BoundedQueue<Int>(capacity: capacity)
        let producer = Thread {
            for value in 0..<20_000 { queue.push(value) }
            queue.close()
        }
        producer.start()
        var received: [Int] = []
        while let value = try queue.pop() { received.append(value) }
        #expect(received == Array(0..<20_000))
        #expect(queue.push(1) == false)
    }

    @Test("a full queue holds its producer until a consumer takes an element")
    func capacityBounds() throws {
        let queue = BoundedQueue<Int>(capacity: 2)
        let pushed = Mutex(0)
        let producer = Thread {
            for value in 0..<3 {
                queue.push(value)
                pushed.withLock { $0 += 1 }
            }
        }
        producer.start()
        for _ in 0..<200 where pushed.withLock({ $0 }) < 2 { Thread.sleep(forTimeInterval: 0.005) }
        Thread.sleep(forTimeInterval: 0.05)
        #expect(pushed.withLock { $0 } == 2)
        #expect(try queue.pop() == 0)
        for _ in 0..<200 where pushed.withLock({ $0 }) < 3 { Thread.sleep(forTimeInterval: 0.005) }
        #expect(pushed.withLock { $0 } == 3)
    }

    @Test("closing with an error hands over what was pushed first, then throws")
    func closeWithError() throws {
        let queue = BoundedQueue<String>(capacity: 4)
        queue.push("a")
        queue.push("b")
        queue.close(throwing: Broken())
        queue.close()
        #expect(!queue.push("c"))
        #expect(try queue.pop() == "a")
        #expect(try queue.pop() == "b")
        #expect(throws: Broken.self) { try queue.pop() }
    }

    @Test("cancelling drops buffered elements and releases a waiting producer with false")
    func cancel() throws {
        let queue = BoundedQueue<Int>(capacity: 1)
        queue.push(1)
        let result = Mutex<Bool?>(nil)
        let producer = Thread {
            let accepted = queue.push(2)
            result.withLock { $0 = accepted }
        }
        producer.start()
        Thread.sleep(forTimeInterval: 0.05)
        #expect(result.withLock { $0 } == nil)
        queue.cancel()
        for _ in 0..<200 where result.withLock({ $0 }) == nil { Thread.sleep(forTimeInterval: 0.005) }
        #expect(result.withLock { $0 } == false)
        #expect(try queue.pop() == nil)
    }

    @Test("several producers and consumers move every element exactly once")
    func manyToMany() throws {
        let queue = BoundedQueue<Int>(capacity: 3)
        let total = Mutex(0)
        let finished = DispatchGroup()
        for start in 0..<3 {
            finished.enter()
            Thread {
                for value in stride(from: start, to: 3000, by: 3) { queue.push(value) }
                finished.leave()
            }.start()
        }
        let consumersDone = DispatchGroup()
        for _ in 0..<2 {
            consumersDone.enter()
            Thread {
                var sum = 0
                while let value = try? queue.pop() { sum += value }
                total.withLock { $0 += sum }
                consumersDone.leave()
            }.start()
        }
        finished.wait()
        queue.close()
        consumersDone.wait()
        #expect(total.withLock { $0 } == (0..<3000).reduce(0, +))
    }
}
