using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace FastLoss.Kernels;

internal static partial class SoftmaxCrossEntropy
{
    /// <summary>Logits a parallel partition holds at least: below this the rows per partition double.</summary>
    private const int PartitionLogits = 1 << 18;

    private ref partial struct IndexKernel<T>
    {
        /// <summary>
        /// Runs whole partitions of rows on worker threads when the input is large enough, and pushes their per-row
        /// loss sums into the cascades in row order. A partition is 2^level chunks of the row cascade (1024 float or 512
        /// double rows each, level fixed by C alone), so its sums are complete subtrees and the result is the
        /// single-threaded one bit for bit.
        /// </summary>
        /// <returns>The number of rows done (0 when single-threaded); the caller does the rest.</returns>
        private readonly unsafe int RunPartitions(delegate*<void*, int, void> body, ref RowCascade<T> nllSum, ref RowCascade<T> smoothSum)
        {
            int level = PartitionLevel(ClassCount);
            int rowsPerPartition = (Vector512<T>.Count * 64) << level;
            int partitions = Target.Length / rowsPerPartition;
            int threads = LossOptions.Current.ThreadsFor(Input.Length);
            if (partitions < 2 || threads < 2 || !ParallelRunner.TryEnter(2 * partitions))
            {
                return 0;
            }

            try
            {
                var job = new RowJob
                {
                    Kernel = Unsafe.AsPointer(ref Unsafe.AsRef(in this)),
                    Results = ParallelRunner.Results,
                    Level = level,
                    Rows = rowsPerPartition,
                };
                ParallelRunner.Run(body, &job, partitions, threads);
                Vector512<T>* results = (Vector512<T>*)job.Results;
                for (int p = 0; p < partitions; p++)
                {
                    nllSum.Push(results[2 * p], level, rowsPerPartition);
                    smoothSum.Push(results[(2 * p) + 1], level, rowsPerPartition);
                }

                return partitions * rowsPerPartition;
            }
            finally
            {
                ParallelRunner.Exit();
            }
        }

        [SkipLocalsInit]
        [MethodImpl(MethodImplOptions.NoInlining)]
        private static unsafe void RowsPartition<TBlock, TLayout>(void* context, int p)
            where TBlock : struct, IRowBlock<TBlock, T>
            where TLayout : IRowLayout
        {
            RowJob* job = (RowJob*)context;
            RowCascade<T>.Initialize(out RowCascade<T> nllSum);
            RowCascade<T>.Initialize(out RowCascade<T> smoothSum);
            Unsafe.AsRef<IndexKernel<T>>(job->Kernel).RowRange<TBlock, TLayout>(p * job->Rows, (p + 1) * job->Rows, ref nllSum, ref smoothSum);
            Store(job, p, ref nllSum, ref smoothSum);
        }

        [SkipLocalsInit]
        [MethodImpl(MethodImplOptions.NoInlining)]
        private static unsafe void ShortRowsPartition<TBlock>(void* context, int p)
            where TBlock : struct, IRowBlock<TBlock, T>
        {
            RowJob* job = (RowJob*)context;
            RowCascade<T>.Initialize(out RowCascade<T> nllSum);
            RowCascade<T>.Initialize(out RowCascade<T> smoothSum);
            Unsafe.AsRef<IndexKernel<T>>(job->Kernel).ShortRange<TBlock>(p * job->Rows, (p + 1) * job->Rows, ref nllSum, ref smoothSum);
            Store(job, p, ref nllSum, ref smoothSum);
        }

        private static unsafe void Store(RowJob* job, int p, ref RowCascade<T> nllSum, ref RowCascade<T> smoothSum)
        {
            Vector512<T>* results = (Vector512<T>*)job->Results;
            results[2 * p] = nllSum.Complete(job->Level);
            results[(2 * p) + 1] = smoothSum.Complete(job->Level);
        }

        /// <summary>The smallest level whose partitions hold at least <see cref="PartitionLogits"/> logits.</summary>
        private static int PartitionLevel(int classes)
        {
            int level = 0;
            while (((long)(Vector512<T>.Count * 64) << level) * classes < PartitionLogits)
            {
                level++;
            }

            return level;
        }
    }

    /// <summary>What a worker needs: a pointer to the caller's kernel (on its stack), the result slots, the partition shape.</summary>
    private unsafe struct RowJob
    {
        public void* Kernel;
        public Vector512<byte>* Results;
        public int Level;
        public int Rows;
    }
}
