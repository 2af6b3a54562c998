using System.Text;
using DiffPlex;
using DiffPlex.Chunkers;
using DiffPlex.Model;

namespace FastLoss.Generators.Tests;

/// <summary>
/// Whole-file snapshots of emitted text: compares with <c>Snapshots/&lt;name&gt;.verified.cs</c> in the source tree. On
/// a mismatch writes <c>&lt;name&gt;.received.cs</c> next to it and fails with a unified diff; with
/// <c>FASTLOSS_ACCEPT_SNAPSHOTS=1</c> the received text becomes the verified one.
/// </summary>
internal static partial class SnapshotAssert
{
    public const string AcceptVariable = "FASTLOSS_ACCEPT_SNAPSHOTS";

    private const int ContextLines = 3;

    public static void Matches(string name, string actual)
    {
        string directory = Path.Combine(SourceRoot(), "Snapshots");
        string verifiedPath = Path.Combine(directory, name + ".verified.cs");
        string receivedPath = Path.Combine(directory, name + ".received.cs");
        actual = Normalize(actual);

        string? expected = File.Exists(verifiedPath) ? Normalize(File.ReadAllText(verifiedPath)) : null;
        if (expected == actual)
        {
            File.Delete(receivedPath);
            return;
        }

        Directory.CreateDirectory(directory);
        if (Environment.GetEnvironmentVariable(AcceptVariable) == "1")
        {
            File.WriteAllText(verifiedPath, actual);
            File.Delete(receivedPath);
            return;
        }

        File.WriteAllText(receivedPath, actual);
        string message = expected is null
            ? "No snapshot " + verifiedPath + " yet; the emitted text is in " + receivedPath + ". Review it, then rename it or run with " + AcceptVariable + "=1."
            : "Snapshot " + name + " differs (received text in " + receivedPath + "; run with " + AcceptVariable + "=1 to accept):\n" + UnifiedDiff(expected, actual, name);
        Assert.Fail(message);
    }

    /// <summary>A unified diff (<c>@@ -a,b +c,d @@</c> hunks with three lines of context).</summary>
    public static string UnifiedDiff(string expected, string actual, string name)
    {
        DiffResult diff = Differ.Instance.CreateDiffs(expected, actual, ignoreWhiteSpace: false, ignoreCase: false, LineChunker.Instance);
        IReadOnlyList<string> a = diff.PiecesOld, b = diff.PiecesNew;
        var output = new StringBuilder().Append("--- ").Append(name).Append(".verified.cs\n+++ ").Append(name).Append(".received.cs\n");

        int blockIndex = 0;
        while (blockIndex < diff.DiffBlocks.Count)
        {
            // Merge blocks whose context would overlap into one hunk.
            int last = blockIndex;
            while (last + 1 < diff.DiffBlocks.Count
                && diff.DiffBlocks[last + 1].DeleteStartA - (diff.DiffBlocks[last].DeleteStartA + diff.DiffBlocks[last].DeleteCountA) <= 2 * ContextLines)
            {
                last++;
            }

            DiffBlock first = diff.DiffBlocks[blockIndex], end = diff.DiffBlocks[last];
            int startA = Math.Max(0, first.DeleteStartA - ContextLines);
            int startB = Math.Max(0, first.InsertStartB - ContextLines);
            int endA = Math.Min(a.Count, end.DeleteStartA + end.DeleteCountA + ContextLines);
            int endB = Math.Min(b.Count, end.InsertStartB + end.InsertCountB + ContextLines);
            output.Append("@@ -").Append(startA + 1).Append(',').Append(endA - startA)
                .Append(" +").Append(startB + 1).Append(',').Append(endB - startB).Append(" @@\n");

            int lineA = startA;
            for (int i = blockIndex; i <= last; i++)
            {
                DiffBlock block = diff.DiffBlocks[i];
                for (; lineA < block.DeleteStartA; lineA++)
                {
                    output.Append(' ').Append(a[lineA]).Append('\n');
                }

                for (int k = 0; k < block.DeleteCountA; k++)
                {
                    output.Append('-').Append(a[block.DeleteStartA + k]).Append('\n');
                }

                for (int k = 0; k < block.InsertCountB; k++)
                {
                    output.Append('+').Append(b[block.InsertStartB + k]).Append('\n');
                }

                lineA = block.DeleteStartA + block.DeleteCountA;
            }

            for (; lineA < endA; lineA++)
            {
                output.Append(' ').Append(a[lineA]).Append('\n');
            }

            blockIndex = last + 1;
        }

        return output.ToString();
    }

    /// <summary>Line endings, and the generator's version in [GeneratedCode] (it changes with every release, the code does not).</summary>
    private static string Normalize(string text)
        => GeneratedCodeVersion().Replace(text.Replace("\r\n", "\n", StringComparison.Ordinal), "GeneratedCode(\"FastLoss.Generators\", \"{version}\")");

    [System.Text.RegularExpressions.GeneratedRegex("GeneratedCode\\(\"FastLoss\\.Generators\", \"[^\"]*\"\\)")]
    private static partial System.Text.RegularExpressions.Regex GeneratedCodeVersion();

    /// <summary>
    /// The test project's directory in the source tree, baked in at build time (see the project file):
    /// <c>[CallerFilePath]</c> would not do, deterministic CI builds map source paths to <c>/_/</c>.
    /// </summary>
    private static string SourceRoot()
        => typeof(SnapshotAssert).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), false)
            .Cast<System.Reflection.AssemblyMetadataAttribute>()
            .Single(a => a.Key == "ProjectDirectory").Value!;
}
