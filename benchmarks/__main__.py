"""Run every benchmark and print each figure beside the floor measured in the same run."""

from benchmarks import bench_foundation

if __name__ == "__main__":
    bench_foundation.main()
