import Testing
@testable import ODE

/// Refactoring in place must give the same solutions as a fresh factorization, including after a
/// singular matrix left the storage unusable.
@Suite struct DenseLURefactorTests {
    @Test func refactoringInPlaceSolvesEachMatrixExactly() throws {
        // A = [[4, 1], [2, 3]]: A·[1, 2] = [6, 8].  B = [[0, 1], [1, 0]] (needs pivoting): B·[5, 7] = [7, 5].
        var lu = DenseLU(dimension: 2)
        try lu.factor(Matrix([[4, 1], [2, 3]]))
        var x = [6.0, 8.0]
        lu.solve(&x)
        #expect(abs(x[0] - 1) < 1e-15 && abs(x[1] - 2) < 1e-15)

        try lu.factor(Matrix([[0, 1], [1, 0]]))
        var y = [7.0, 5.0]
        lu.solve(&y)
        #expect(y == [5, 7])
    }

    @Test func singularMatrixIsReportedAndStorageRecovers() throws {
        var lu = DenseLU(dimension: 2)
        #expect(throws: DenseLU.Failure.singular(pivot: 2)) { try lu.factor(Matrix([[1, 2], [2, 4]])) }
        try lu.factor(Matrix([[2, 0], [0, 4]]))
        var x = [2.0, 4.0]
        lu.solve(&x)
        #expect(x == [1, 1])
    }
}
