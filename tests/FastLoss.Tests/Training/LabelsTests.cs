using FastLoss.Training;

namespace FastLoss.Tests.Training;

public class LabelsTests
{
    [Fact]
    public void Count_clears_then_counts()
    {
        Span<int> counts = [5, 5, 5];
        Labels.Count([2, 2, 0], counts);
        Assert.Equal([1, 0, 2], counts.ToArray());
    }

    [Fact]
    public void Out_of_range_label_message_names_index_value_and_range()
    {
        var e = Assert.Throws<ArgumentException>(() => Labels.Count([0, 3], new int[3]));
        Assert.Equal("labels", e.ParamName);
        Assert.Contains("labels[1] is 3, which is not less than the class count 3", e.Message);
        Assert.Contains("[0, 3)", e.Message);
    }

    [Fact]
    public void Validators()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Labels.ValidateClassCount(0));
        Assert.Throws<ArgumentException>(() => Labels.ValidateNotEmpty([]));
        Labels.ValidateNoEmptyClass([1, 2], "labels");
        Assert.Contains("Class 0", Assert.Throws<ArgumentException>(() => Labels.ValidateNoEmptyClass([0, 2], "labels")).Message);
    }
}
