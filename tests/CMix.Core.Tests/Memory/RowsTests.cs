using CMix.Memory;
using Xunit;

namespace CMix.Core.Tests.Memory;

public sealed class RowsTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(33, 1)]
    [InlineData(33, 2)]
    [InlineData(33, 3)]
    [InlineData(48, 7)]
    [InlineData(33, 1000)]
    [InlineData(16, 65536)]
    public void EveryRowEqualsTheFirst(int rowLength, int rows)
    {
        var table = new int[rowLength * rows];
        for (int j = 0; j < rowLength; j++)
        {
            table[j] = (j * 7919) ^ 0x5A5A;
        }

        Rows.Replicate<int>(table, rowLength);

        for (int i = 0; i < table.Length; i++)
        {
            Assert.Equal(table[i % rowLength], table[i]);
        }
    }
}
