namespace FastLoss.Tests.Golden;

/// <summary>Finds the golden folder and provides the shape arithmetic the tests need (torch broadcasting).</summary>
public static class GoldenData
{
    /// <summary>Overrides the search: a folder holding the golden JSON files.</summary>
    public const string DirectoryVariable = "FASTLOSS_GOLDEN_DIR";

    private static readonly Lazy<string> Located = new(Locate);

    /// <summary>
    /// The golden folder: <c>$FASTLOSS_GOLDEN_DIR</c> if set, else the first <c>shared/golden</c> found walking up
    /// from the test binaries (<c>/work/main/…/bin</c> finds <c>/work/shared/golden</c>; a CI clone at
    /// <c>&lt;clone&gt;</c> finds <c>&lt;clone&gt;/../shared/golden</c>).
    /// </summary>
    public static string Directory => Located.Value;

    /// <summary>The full path of a file in the golden folder.</summary>
    /// <param name="fileName">The file name.</param>
    /// <returns>The path (the file exists).</returns>
    public static string PathOf(string fileName)
    {
        string path = Path.Combine(Directory, fileName);
        return File.Exists(path) ? path : throw new FileNotFoundException($"Golden file '{fileName}' is missing from {Directory}.", path);
    }

    /// <summary>The number of elements of a shape (1 for a 0-d tensor).</summary>
    /// <param name="shape">The shape.</param>
    /// <returns>The product of the dimensions.</returns>
    public static int Count(IReadOnlyList<int> shape) => shape.Aggregate(1, (a, b) => checked(a * b));

    /// <summary>The shape as text, e.g. <c>[3, 4]</c>.</summary>
    /// <param name="shape">The shape.</param>
    /// <returns>The text.</returns>
    public static string ShapeText(IReadOnlyList<int> shape) => "[" + string.Join(", ", shape) + "]";

    /// <summary>torch's broadcast shape of two shapes (aligned at the last dimension), or null if they do not broadcast.</summary>
    /// <param name="a">One shape.</param>
    /// <param name="b">The other.</param>
    /// <returns>The broadcast shape or null.</returns>
    public static int[]? BroadcastShape(IReadOnlyList<int> a, IReadOnlyList<int> b)
    {
        int rank = Math.Max(a.Count, b.Count);
        int[] result = new int[rank];
        for (int i = 0; i < rank; i++)
        {
            int da = i < rank - a.Count ? 1 : a[i - (rank - a.Count)];
            int db = i < rank - b.Count ? 1 : b[i - (rank - b.Count)];
            if (da != db && da != 1 && db != 1)
            {
                return null;
            }

            result[i] = da == 1 ? db : da;
        }

        return result;
    }

    /// <summary>Expands row-major data of <paramref name="shape"/> to <paramref name="target"/> (which it must broadcast to).</summary>
    /// <param name="data">The data.</param>
    /// <param name="shape">Its shape.</param>
    /// <param name="target">The broadcast shape.</param>
    /// <returns>The expanded data, one value per element of <paramref name="target"/>.</returns>
    public static double[] Expand(double[] data, IReadOnlyList<int> shape, IReadOnlyList<int> target)
    {
        var result = new double[Count(target)];
        for (int i = 0; i < result.Length; i++)
        {
            result[i] = data[SourceIndex(i, shape, target)];
        }

        return result;
    }

    /// <summary>
    /// Sums values given over the broadcast shape <paramref name="target"/> back onto <paramref name="shape"/> (the
    /// gradient of an expanded operand), accumulating in double.
    /// </summary>
    /// <param name="values">One value per element of <paramref name="target"/>.</param>
    /// <param name="shape">The operand's own shape.</param>
    /// <param name="target">The broadcast shape.</param>
    /// <returns>One value per element of <paramref name="shape"/>.</returns>
    public static double[] SumTo(IReadOnlyList<double> values, IReadOnlyList<int> shape, IReadOnlyList<int> target)
    {
        var result = new double[Count(shape)];
        for (int i = 0; i < values.Count; i++)
        {
            result[SourceIndex(i, shape, target)] += values[i];
        }

        return result;
    }

    /// <summary>Whether two shapes are identical.</summary>
    /// <param name="a">One shape.</param>
    /// <param name="b">The other.</param>
    /// <returns>True if equal.</returns>
    public static bool SameShape(IReadOnlyList<int> a, IReadOnlyList<int> b) => a.SequenceEqual(b);

    /// <summary>The flat index in an operand of <paramref name="shape"/> read by flat index <paramref name="flat"/> of the broadcast shape.</summary>
    private static int SourceIndex(int flat, IReadOnlyList<int> shape, IReadOnlyList<int> target)
    {
        int offset = target.Count - shape.Count;
        int source = 0;
        int stride = 1;
        for (int d = target.Count - 1; d >= 0; d--)
        {
            int coordinate = flat % target[d];
            flat /= target[d];
            if (d >= offset)
            {
                int size = shape[d - offset];
                source += (size == 1 ? 0 : coordinate) * stride;
                stride *= size;
            }
        }

        return source;
    }

    private static string Locate()
    {
        string? overridden = Environment.GetEnvironmentVariable(DirectoryVariable);
        if (!string.IsNullOrEmpty(overridden))
        {
            return IsGoldenFolder(overridden)
                ? Path.GetFullPath(overridden)
                : throw new DirectoryNotFoundException($"{DirectoryVariable}={overridden} is not a folder holding manifest.json and the golden *.json files.");
        }

        var searched = new List<string>();
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "shared", "golden");
            searched.Add(candidate);
            if (IsGoldenFolder(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException(
            "Golden test vectors not found: no 'shared/golden' folder (with manifest.json) above " + AppContext.BaseDirectory +
            ". Put the shared/ folder beside the repository clone (<clone>/../shared/golden) or set " + DirectoryVariable +
            ". Searched: " + string.Join(", ", searched));
    }

    private static bool IsGoldenFolder(string path) => System.IO.Directory.Exists(path) && File.Exists(Path.Combine(path, "manifest.json"));
}
