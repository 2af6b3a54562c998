using System.Globalization;

namespace FastLoss.Demo;

/// <summary>Rows of float features (row-major) with a class label each.</summary>
internal sealed class Dataset(float[] features, int[] labels, int featureCount, string[] classNames)
{
    public float[] Features { get; } = features;

    public int[] Labels { get; } = labels;

    public int FeatureCount { get; } = featureCount;

    public string[] ClassNames { get; } = classNames;

    public int ClassCount => ClassNames.Length;

    public int Count => Labels.Length;

    public ReadOnlySpan<float> Row(int index) => Features.AsSpan(index * FeatureCount, FeatureCount);

    public int[] ClassCounts()
    {
        int[] counts = new int[ClassCount];
        foreach (int label in Labels)
        {
            counts[label]++;
        }

        return counts;
    }

    public Dataset Subset(IReadOnlyList<int> rows)
    {
        float[] x = new float[rows.Count * FeatureCount];
        int[] y = new int[rows.Count];
        for (int i = 0; i < rows.Count; i++)
        {
            Row(rows[i]).CopyTo(x.AsSpan(i * FeatureCount));
            y[i] = Labels[rows[i]];
        }

        return new Dataset(x, y, FeatureCount, ClassNames);
    }
}

/// <summary>Train, validation and test splits of one dataset.</summary>
internal sealed record DataSplit(Dataset Train, Dataset Validation, Dataset Test, string Description)
{
    /// <summary>Stratified split: each class is shuffled and cut 60/20/20, so every split keeps the class proportions.</summary>
    /// <remarks>A class with fewer than 3 rows keeps at least one row in training (needed by the class weights) and
    /// may be missing from validation or test; its recall there is then reported as n/a.</remarks>
    public static DataSplit Stratified(Dataset data, int seed, string description)
    {
        var random = new Random(unchecked(seed * 31 + 7));
        var train = new List<int>();
        var validation = new List<int>();
        var test = new List<int>();
        for (int c = 0; c < data.ClassCount; c++)
        {
            int[] rows = Enumerable.Range(0, data.Count).Where(i => data.Labels[i] == c).ToArray();
            random.Shuffle(rows);
            int n = rows.Length;
            int testCount = n >= 3 ? Math.Max(1, (int)Math.Round(n * 0.2)) : (n == 2 ? 1 : 0);
            int validationCount = n >= 3 ? Math.Max(1, (int)Math.Round(n * 0.2)) : 0;
            test.AddRange(rows[..testCount]);
            validation.AddRange(rows[testCount..(testCount + validationCount)]);
            train.AddRange(rows[(testCount + validationCount)..]);
        }

        // Interleave the classes again (the trainer shuffles anyway; this keeps the files' row order meaningless).
        int[][] parts = [[.. train], [.. validation], [.. test]];
        foreach (int[] part in parts)
        {
            random.Shuffle(part);
        }

        var split = new DataSplit(data.Subset(parts[0]), data.Subset(parts[1]), data.Subset(parts[2]), description);
        split.Standardize();
        return split;
    }

    /// <summary>Standardises every split with the training split's per-feature mean and standard deviation.</summary>
    private void Standardize()
    {
        int d = Train.FeatureCount;
        double[] mean = new double[d];
        double[] sumSquares = new double[d];
        for (int i = 0; i < Train.Count; i++)
        {
            ReadOnlySpan<float> row = Train.Row(i);
            for (int j = 0; j < d; j++)
            {
                mean[j] += row[j];
            }
        }

        for (int j = 0; j < d; j++)
        {
            mean[j] /= Train.Count;
        }

        for (int i = 0; i < Train.Count; i++)
        {
            ReadOnlySpan<float> row = Train.Row(i);
            for (int j = 0; j < d; j++)
            {
                double delta = row[j] - mean[j];
                sumSquares[j] += delta * delta;
            }
        }

        foreach (Dataset set in new[] { Train, Validation, Test })
        {
            for (int i = 0; i < set.Features.Length; i++)
            {
                int j = i % d;
                double sd = Math.Sqrt(sumSquares[j] / Train.Count);
                set.Features[i] = (float)(sd > 0 ? (set.Features[i] - mean[j]) / sd : set.Features[i] - mean[j]);
            }
        }
    }
}

/// <summary>The default dataset: imbalanced Gaussian clusters, generated from the seed.</summary>
internal static class SyntheticData
{
    /// <summary>Class shares: the last class is the minority (4 %).</summary>
    public static readonly double[] ClassShares = [0.55, 0.27, 0.14, 0.04];

    /// <summary>
    /// Each class is a mixture of two Gaussian clusters (so no straight line separates the classes); cluster centres
    /// are drawn from N(0, 1.3² I) and each cluster has its own per-feature spread in [0.7, 1.3]: neighbouring clusters
    /// overlap. The constants were fixed once, before any strategy was compared, and are not tuned for a result.
    /// </summary>
    public static Dataset Generate(int samples, int features, int seed)
    {
        const int ClustersPerClass = 2;
        const double CentreSpread = 1.3;
        var random = new Random(seed);
        double Gaussian() => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

        int classes = ClassShares.Length;
        double[,] centres = new double[classes * ClustersPerClass, features];
        double[,] spreads = new double[classes * ClustersPerClass, features];
        for (int k = 0; k < classes * ClustersPerClass; k++)
        {
            for (int j = 0; j < features; j++)
            {
                centres[k, j] = CentreSpread * Gaussian();
                spreads[k, j] = 0.7 + (0.6 * random.NextDouble());
            }
        }

        int[] labels = new int[samples];
        int assigned = 0;
        for (int c = classes - 1; c >= 0; c--)
        {
            int count = c == 0 ? samples - assigned : (int)Math.Round(samples * ClassShares[c]);
            labels.AsSpan(assigned, count).Fill(c);
            assigned += count;
        }

        random.Shuffle(labels);
        float[] x = new float[samples * features];
        for (int i = 0; i < samples; i++)
        {
            int cluster = (labels[i] * ClustersPerClass) + random.Next(ClustersPerClass);
            for (int j = 0; j < features; j++)
            {
                x[(i * features) + j] = (float)(centres[cluster, j] + (spreads[cluster, j] * Gaussian()));
            }
        }

        string[] names = Enumerable.Range(0, classes).Select(c => "class " + c.ToString(CultureInfo.InvariantCulture)).ToArray();
        return new Dataset(x, labels, features, names);
    }
}
