using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using FastLoss.Bench;
using FastLoss.Bench.Infrastructure;
using FastLoss.Bench.Reporting;

const string Usage = """
    FastLoss.Bench: loss kernels against the scalar reference, TensorPrimitives, a read-bound floor and TorchSharp.

    Usage:
      dotnet run -c Release --project bench/FastLoss.Bench -- --quick [BenchmarkDotNet options]
      dotnet run -c Release --project bench/FastLoss.Bench -- [BenchmarkDotNet options]
      dotnet run -c Release --project bench/FastLoss.Bench -p:WithTorch=true -- ...   (adds the TorchSharp benchmarks)

    Options:
      --quick        A representative subset in a few minutes: every loss in float at N=1000003 (forward and fused;
                     CrossEntropy at C=10 and 1000) on the widest ISA,
                     plus Mse in double, at N=65536 and on V256 (short jobs: 1 warmup, 3 iterations of ~125 ms).
      --check        Run every engine (N=1003), compare its loss and gradient with Scalar's and report what a warm
                     call allocates on its thread (FastLoss must allocate nothing), then exit.
      --docs         The subset behind docs/benchmarks.md (about 20 minutes with -p:WithTorch=true): every loss in
                     float on V512 (forward at N = 1024 ... 16777216, fused at 65536 and 1048576, gradient at
                     1048576), a few in double, the parallel reduction, and FastLoss/ReadBound on V256 and V128
                     for the width ratios. 5 iterations of ~125 ms.
      --accuracy     The float32 mean's relative error on the same data for FastLoss, TensorPrimitives.Sum,
                     a naive loop and (WithTorch builds) libtorch, against the exact value; then exit.
      --isa          Print which vector widths the JIT accelerates in this process, then exit.
      --help, -?     This text, then BenchmarkDotNet's own options.
      Anything else goes to BenchmarkSwitcher, e.g. --filter *Mse*  --filter *SigmoidFocal<Single>*
      --list flat  --join  --exporters json  --job short (no arguments: an interactive menu).

    Benchmark classes: one per loss and element type, e.g. Mse<Single>, SigmoidFocal<Double>, LogCosh<Single>
    (LogCosh is declared in this project with [LossFormula]). Parameters: N = 1024, 65536, 1048576, 16777216,
    1000003; Operation = Forward (mean loss), Gradient (of the mean), Fused (both). Methods: Scalar (the baseline:
    the formula as a plain loop), FastLoss, TensorPrimitives, ReadBound (the memory floor: reads the operands,
    writes one span for Gradient and also sums it for Fused), Torch (WithTorch builds only).
    Jobs: V512 (default), V256 (DOTNET_EnableAVX512=0), V128 (DOTNET_EnableAVX2=0).
    Columns: GB/s = (bytes read + written) / median; "vs ReadBound" = median / ReadBound's median for the same
    loss, type, job, N and operation. Results: BenchmarkDotNet.Artifacts/results (markdown, CSV, HTML per class,
    and FastLoss.Bench-overview.md over all of them).
    Shared machine: FASTLOSS_BUILD_LOCK=/path/to/lock makes BenchmarkDotNet's own restore/build of the benchmark
    project run under `flock -o` on that file (never the measurements).
    """;

bool quick = args.Contains("--quick");
bool docs = args.Contains("--docs");
string[] rest = [.. args.Where(a => a is not "--quick" and not "--docs")];

if (rest.Contains("--help") || rest.Contains("-?"))
{
    Console.WriteLine(Usage);
    Console.WriteLine("BenchmarkDotNet options:");
    BenchmarkSwitcher.FromAssembly(typeof(BenchConfig).Assembly).Run(["--help"]);
    return 0;
}

if (rest.Contains("--isa"))
{
    Console.WriteLine(IsaInfo.Describe());
    return 0;
}

string? torchSkip = TorchSupport.Probe();
if (torchSkip is not null)
{
    Console.WriteLine("// " + torchSkip);
}

if (rest.Contains("--accuracy"))
{
    AccuracyReport.Run(Console.Out, torch: torchSkip is null);
    return 0;
}

if (rest.Contains("--check"))
{
    return SelfCheck.Run(torch: torchSkip is null, Console.Out) ? 0 : 1;
}

string? dotnetCli = BuildLock.CreateDotNetWrapper(Path.Combine(Environment.CurrentDirectory, "BenchmarkDotNet.Artifacts"));
IConfig config = BenchConfig.Create(quick, docs, torchAvailable: torchSkip is null, dotnetCli);
if ((quick || docs) && !rest.Any(a => a is "--filter" or "-f"))
{
    rest = [.. rest, "--filter", "*"];
}

Summary[] summaries = [.. BenchmarkSwitcher.FromAssembly(typeof(BenchConfig).Assembly).Run(rest, config)];
if (OverviewWriter.Write(summaries, torchSkip) is { } overview)
{
    Console.WriteLine("// Overview of all classes: " + overview);
}

if (torchSkip is not null)
{
    Console.WriteLine("// " + torchSkip);
}

return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;
