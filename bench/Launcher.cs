// `dotnet run -c Release --project bench -- --quick` is the benchmark issue's command; the benchmarks are the
// FastLoss.Bench project in the folder beside this file. Its entry point runs here with the same arguments and exit
// code (BenchmarkDotNet builds every benchmark from FastLoss.Bench.csproj itself and runs it in a process of its own).
using System.Reflection;

MethodInfo main = typeof(FastLoss.Bench.BenchConfig).Assembly.EntryPoint
    ?? throw new InvalidOperationException("FastLoss.Bench has no entry point.");
try
{
    return main.Invoke(null, [args]) is int code ? code : 0;
}
catch (TargetInvocationException e) when (e.InnerException is not null)
{
    System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(e.InnerException);
    throw;
}
