using System.Globalization;

namespace FastLoss.Training;

/// <summary>Label validation and counting shared by the training helpers.</summary>
internal static class Labels
{
    /// <summary>Most classes counted on the stack; more rent from the array pool.</summary>
    internal const int StackCountLimit = 256;

    /// <summary>Throws unless <paramref name="classCount"/> is at least 1.</summary>
    public static void ValidateClassCount(int classCount, string parameterName = "classCount")
    {
        if (classCount < 1)
        {
            throw new ArgumentOutOfRangeException(parameterName, classCount, "'" + parameterName + "' must be at least 1.");
        }
    }

    /// <summary>Throws unless <paramref name="labels"/> is non-empty.</summary>
    public static void ValidateNotEmpty(ReadOnlySpan<int> labels, string parameterName = "labels")
    {
        if (labels.IsEmpty)
        {
            throw new ArgumentException("'" + parameterName + "' is empty: weights need at least one label.", parameterName);
        }
    }

    /// <summary>
    /// Counts each label into <paramref name="counts"/> (cleared first), after validating that every label is in
    /// [0, counts.Length): a bad label throws before <paramref name="counts"/> is touched.
    /// </summary>
    public static void Count(ReadOnlySpan<int> labels, Span<int> counts, string parameterName = "labels")
    {
        ValidateRange(labels, counts.Length, parameterName);
        counts.Clear();
        foreach (int label in labels)
        {
            counts[label]++;
        }
    }

    /// <summary>Throws for the first label outside [0, classCount).</summary>
    public static void ValidateRange(ReadOnlySpan<int> labels, int classCount, string parameterName = "labels")
    {
        for (int i = 0; i < labels.Length; i++)
        {
            if ((uint)labels[i] >= (uint)classCount)
            {
                ThrowLabelOutOfRange(parameterName, i, labels[i], classCount);
            }
        }
    }

    /// <summary>Throws for a label outside [0, classCount).</summary>
    public static void ThrowLabelOutOfRange(string parameterName, int index, int label, int classCount)
    {
        string problem = label < 0 ? "negative" : "not less than the class count " + classCount.ToString(CultureInfo.InvariantCulture);
        throw new ArgumentException(
            string.Format(CultureInfo.InvariantCulture, "{0}[{1}] is {2}, which is {3}: labels must be in [0, {4}).", parameterName, index, label, problem, classCount),
            parameterName);
    }

    /// <summary>Throws unless every class has at least one sample.</summary>
    public static void ValidateNoEmptyClass(ReadOnlySpan<int> counts, string parameterName)
    {
        for (int c = 0; c < counts.Length; c++)
        {
            if (counts[c] == 0)
            {
                throw new ArgumentException(
                    string.Format(CultureInfo.InvariantCulture, "Class {0} has no samples in '{1}': its weight would be infinite. Pass a smaller class count or add samples of that class.", c, parameterName),
                    parameterName);
            }

            if (counts[c] < 0)
            {
                throw new ArgumentException(
                    string.Format(CultureInfo.InvariantCulture, "{0}[{1}] is {2}: class counts cannot be negative.", parameterName, c, counts[c]),
                    parameterName);
            }
        }
    }
}
