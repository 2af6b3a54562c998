using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Filters;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.CsProj;
using BenchmarkDotNet.Toolchains.DotNetCli;
using FastLoss.Bench.Infrastructure;
using FastLoss.Bench.Reporting;
using Perfolizer.Horology;

namespace FastLoss.Bench;

/// <summary>Jobs (one per ISA), columns, filters.</summary>
public static class BenchConfig
{
    /// <summary>The job ids, widest first; the environment variables that make the JIT stop at that width.</summary>
    public static readonly (string Id, string? Variable)[] IsaJobs =
    [
        ("V512", null),
        ("V256", "DOTNET_EnableAVX512"),
        ("V128", "DOTNET_EnableAVX2"),
    ];

    /// <summary>The sizes --quick keeps: one L2-sized, one not a multiple of the vector width.</summary>
    public static readonly int[] QuickSizes = [65536, 1000003];

    /// <param name="quick">--quick: short jobs and the <see cref="IsQuick"/> subset.</param>
    /// <param name="docs">--docs: short jobs (5 iterations) and the <see cref="IsDocs"/> subset behind docs/benchmarks.md.</param>
    /// <param name="torchAvailable">Whether the Torch benchmarks can run (else they are filtered out).</param>
    /// <param name="dotnetCliPath">A dotnet to build and run the benchmark processes with (see <see cref="BuildLock"/>), or null.</param>
    public static IConfig Create(bool quick, bool docs, bool torchAvailable, string? dotnetCliPath)
    {
        Job template = quick || docs
            // ShortRun-like, shorter: one launch, 1 warmup, 3 (docs: 5) measured iterations of ~125 ms.
            ? Job.Default.WithLaunchCount(1).WithWarmupCount(1).WithIterationCount(docs ? 5 : 3)
                .WithIterationTime(TimeInterval.FromMilliseconds(125))
            : Job.Default;
        if (dotnetCliPath is not null)
        {
            template = template.WithToolchain(CsProjCoreToolchain.From(
                new NetCoreAppSettings("net10.0", runtimeFrameworkVersion: null, ".NET 10.0", customDotNetCliPath: dotnetCliPath)));
        }

        ManualConfig config = ManualConfig.Create(DefaultConfig.Instance)
            .AddColumn(StatisticColumn.Median, new ThroughputColumn(), new ReadBoundRatioColumn())
            .HideColumns(Column.Error, Column.RatioSD)
            .WithSummaryStyle(SummaryStyle.Default.WithMaxParameterColumnWidth(20));

        foreach ((string id, string? variable) in IsaJobs)
        {
            Job job = template.WithId(id);
            if (TorchSupport.IsBuiltIn)
            {
                // BenchmarkDotNet rebuilds this project for its child processes: keep the Torch benchmarks in.
                job = job.WithArguments([new MsBuildArgument("/p:WithTorch=true")]);
            }

            config.AddJob(variable is null ? job : job.WithEnvironmentVariable(variable, "0"));
        }

        // The parallel benchmark measures threads, not widths: the widest ISA only.
        config.AddFilter(new SimpleFilter(c => c.Descriptor.Type != typeof(ParallelReduction) || c.Job.Id == "V512"));

        if (!torchAvailable)
        {
            config.AddFilter(new SimpleFilter(c => c.Descriptor.WorkloadMethod.Name != "Torch"));
        }

        if (quick)
        {
            config.AddFilter(new SimpleFilter(IsQuick));
        }

        if (docs)
        {
            config.AddFilter(new SimpleFilter(IsDocs));
        }

        return config;
    }

    /// <summary>
    /// The --docs subset (about 20 minutes): on the widest ISA every family in float, every engine, forward at N = 1024,
    /// 65536, 1048576 and 16777216, fused at 65536 and 1048576, the gradient at 1048576; Mse, BCE-with-logits and
    /// CrossEntropy in double at 1048576; the parallel reduction; on V256 and V128 FastLoss and ReadBound forward at
    /// 65536 and 1048576 (the width ratios).
    /// </summary>
    public static bool IsDocs(BenchmarkCase benchmarkCase)
    {
        Type type = benchmarkCase.Descriptor.Type;
        string family = type.IsGenericType ? type.GetGenericTypeDefinition().Name.Split('`')[0] : type.Name;
        bool isFloat = !type.IsGenericType || type.GetGenericArguments()[0] == typeof(float);
        int n = benchmarkCase.Parameters.Items.FirstOrDefault(p => p.Name == "N")?.Value as int? ?? 0;
        var operation = benchmarkCase.Parameters.Items.FirstOrDefault(p => p.Name == "Operation")?.Value as Operation?;
        string method = benchmarkCase.Descriptor.WorkloadMethod.Name;
        return benchmarkCase.Job.Id switch
        {
            "V512" when family == "ParallelReduction" => true,
            "V512" when isFloat => n switch
            {
                1024 or 16777216 => operation == Operation.Forward,
                65536 => operation != Operation.Gradient,
                1048576 => true,
                _ => false,
            },
            "V512" => n == 1048576 && operation == Operation.Forward && family is "Mse" or "BinaryCrossEntropyWithLogits" or "CrossEntropy",
            _ => isFloat && n is 65536 or 1048576 && operation == Operation.Forward && method is "FastLoss" or "ReadBound",
        };
    }

    /// <summary>
    /// The --quick subset: every family in float at 1000003 elements (forward and fused, all engines) on the widest
    /// ISA, and for Mse also double, 65536 elements, and the V256 job.
    /// </summary>
    public static bool IsQuick(BenchmarkCase benchmarkCase)
    {
        Type type = benchmarkCase.Descriptor.Type;
        string family = type.IsGenericType ? type.GetGenericTypeDefinition().Name.Split('`')[0] : type.Name;
        Type? element = type.IsGenericType ? type.GetGenericArguments()[0] : null;
        object? n = benchmarkCase.Parameters.Items.FirstOrDefault(p => p.Name == "N")?.Value;
        bool mse = family == "Mse";
        bool isFloat = element == typeof(float);
        // Forward and fused only (the gradient alone sits between them), to stay within five minutes.
        if (benchmarkCase.Parameters.Items.FirstOrDefault(p => p.Name == "Operation")?.Value is Operation.Gradient)
        {
            return false;
        }

        return benchmarkCase.Job.Id switch
        {
            "V512" => (n is 1000003 && (isFloat || mse)) || (n is 65536 && mse && isFloat),
            "V256" => n is 1000003 && mse && isFloat,
            _ => false,
        };
    }
}
