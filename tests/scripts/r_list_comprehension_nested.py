matrix = [[i * 3 + j for j in range(3)] for i in range(3)]
print(matrix)
print([row[i] for row in matrix for i in range(len(row)) if i == 0])
print([[row[i] for row in matrix] for i in range(3)])
flat = [x for row in matrix for x in row]
print(flat, sum(flat), [x for x in flat if x % 2 == 0 if x > 2])
print({(i, j) for i in range(2) for j in range(2)} == {(0, 0), (0, 1), (1, 0), (1, 1)})
print({i: [j for j in range(i)] for i in range(4)})
