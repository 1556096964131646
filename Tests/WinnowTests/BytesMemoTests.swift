import XCTest
@testable import Winnow

/// The rule memos answer for exact bytes only: a wrong hit would change what a rule
/// decides, so these pin down when the memo may answer and when it must not.
final class BytesMemoTests: XCTestCase {
    private let tag = ObjectIdentifier(BytesMemoTests.self)

    private func withBytes<R>(_ s: String, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        Array(s.utf8).withUnsafeBufferPointer(body)
    }

    func testRemembersAValueForTheSameBytes() {
        let memo = BytesMemo<Int>(capacity: 1024)
        withBytes("Share this article") { b in
            let key = memo.key(tag, b, hash: memoHash(b))!
            XCTAssertNil(memo.lookup(key, b))
            memo.store(key, b, 7)
            XCTAssertEqual(memo.lookup(key, b), 7)
        }
        // Equal bytes from another buffer find it too.
        withBytes("Share this article") { b in
            XCTAssertEqual(memo.lookup(memo.key(tag, b, hash: memoHash(b))!, b), 7)
        }
    }

    func testAKeyThatCollidesWithOtherBytesFindsNothing() {
        let memo = BytesMemo<Int>(capacity: 1024)
        withBytes("Read more") { stored in
            memo.store(memo.key(tag, stored, hash: 42)!, stored, 1)
        }
        // Same tag, hash and length, other bytes: the memo must not answer.
        withBytes("Read less") { other in
            XCTAssertNil(memo.lookup(memo.key(tag, other, hash: 42)!, other))
        }
    }

    func testTagsAndModesKeepTheirOwnAnswers() {
        let memo = BytesMemo<Int>(capacity: 1024)
        let otherTag = ObjectIdentifier(XCTestCase.self)
        withBytes("Photo: Agency") { b in
            let h = memoHash(b)
            memo.store(memo.key(tag, b, hash: h)!, b, 1)
            memo.store(memo.key(tag, mode: 1, b, hash: h)!, b, 2)
            memo.store(memo.key(otherTag, b, hash: h)!, b, 3)
            XCTAssertEqual(memo.lookup(memo.key(tag, b, hash: h)!, b), 1)
            XCTAssertEqual(memo.lookup(memo.key(tag, mode: 1, b, hash: h)!, b), 2)
            XCTAssertEqual(memo.lookup(memo.key(otherTag, b, hash: h)!, b), 3)
        }
    }

    func testStartsAfreshWhenFullAndStillAnswersRight() {
        let memo = BytesMemo<Int>(capacity: 64)
        let lines = (0..<20).map { "line number \($0) here" }  // 19-20 bytes each
        for (k, line) in lines.enumerated() {
            withBytes(line) { b in memo.store(memo.key(tag, b, hash: memoHash(b))!, b, k) }
        }
        // The last line is held; the first was dropped when the memo filled up.
        withBytes(lines[19]) { b in XCTAssertEqual(memo.lookup(memo.key(tag, b, hash: memoHash(b))!, b), 19) }
        withBytes(lines[0]) { b in XCTAssertNil(memo.lookup(memo.key(tag, b, hash: memoHash(b))!, b)) }
        // Every answer it still gives is the one stored for those bytes.
        for (k, line) in lines.enumerated() {
            withBytes(line) { b in
                if let v = memo.lookup(memo.key(tag, b, hash: memoHash(b))!, b) { XCTAssertEqual(v, k) }
            }
        }
    }

    func testSlicesLongerThanTheMemoAreNotKept() {
        let memo = BytesMemo<Int>(capacity: 16)
        withBytes(String(repeating: "x", count: 17)) { b in XCTAssertNil(memo.key(tag, b, hash: memoHash(b))) }
        withBytes(String(repeating: "y", count: BytesMemo<Int>.longest + 1)) { b in
            XCTAssertNil(BytesMemo<Int>().key(tag, b, hash: memoHash(b)))
        }
    }

    func testModifyAddsToWhatIsHeldWithoutStoringTheBytesAgain() {
        // Room for one copy of the bytes only: a second copy would start the memo afresh
        // and lose the first answer.
        let memo = BytesMemo<[Int]>(capacity: 24)
        withBytes("Advertisement below") { b in  // 19 bytes
            let key = memo.key(tag, b, hash: memoHash(b))!
            memo.modify(key, b, from: []) { $0.append(1) }
            memo.modify(key, b, from: []) { $0.append(2) }
            XCTAssertEqual(memo.lookup(key, b), [1, 2])
        }
        // Other bytes under the same key start from the initial value.
        withBytes("Advertisement above") { b in
            let key = memo.key(tag, b, hash: hashOf("Advertisement below"))!
            memo.modify(key, b, from: [9]) { $0.append(3) }
            XCTAssertEqual(memo.lookup(key, b), [9, 3])
        }
    }

    private func hashOf(_ s: String) -> UInt64 { withBytes(s) { memoHash($0) } }

    func testEmptySlicesAreRemembered() {
        let memo = BytesMemo<Int>(capacity: 16)
        withBytes("") { b in
            let key = memo.key(tag, b, hash: memoHash(b))!
            memo.store(key, b, 5)
            XCTAssertEqual(memo.lookup(key, b), 5)
        }
    }
}
