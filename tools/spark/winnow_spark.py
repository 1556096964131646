#!/usr/bin/env python3
"""Runs Winnow over a JSON Lines corpus on Apache Spark (PySpark, RDD API).

usage (the cluster recipe; tools/spark/build makes the two shipped files):
  spark-submit --files winnow --archives winnow-resources.tar.gz \\
      tools/spark/winnow_spark.py INPUT OUTPUT [--partitions N] [--stats-out PATH]
      [--stats-min-documents K] [--task-jobs J] [-- WINNOW-CLEAN-OPTIONS...]

or, without --files/--archives, `--binary PATH --resources PATH` makes the driver ship
them itself (SparkContext.addFile / addArchive).

Two Spark stages, the corpus-level pass first:
  1. statistics: every partition's records are piped through `winnow stats` (line counts
     per source, in a text form that adds up); Spark sums the counts by key
     (reduceByKey), the driver collects them, writes one statistics file (sorted, so equal
     counts give equal bytes) and ships it to every worker with addFile;
  2. clean: every partition's records are piped through
     `winnow clean --format jsonl --corpus-stats <that file>` (mapPartitions) and the
     cleaned records are written as gzip text files (part-NNNNN.gz, in input order).

On a worker, the binary, the resources folder and the statistics file are found with
SparkFiles.get, and the child process gets an explicit environment of its own:
LC_ALL=C.UTF-8, LANG=C.UTF-8, PATH=/usr/bin:/bin, TMPDIR, WINNOW_RESOURCES=<the unpacked
archive> - nothing inherited from the executor. A non-zero exit status, or a partition that
does not give back one record per record in, fails the task with the exit status and the
end of winnow's standard error (Spark retries it and then fails the job): never silent.

Records travel as bytes (textFile with use_unicode=False), so no decoding or re-encoding
happens between the input file, winnow and the output. Blank lines are skipped.

Site templates are counted per source, the host of a record's `url`. Records without a
`url` share one source: `winnow stats` and `winnow clean` both call it "<stdin>" on
standard input, so their counts meet across partitions as in a single-process run.
"""
import argparse
import hashlib
import operator
import os
import subprocess
import sys
import tempfile
import threading
import time

CHILD_PATH = "/usr/bin:/bin"


# ---------------------------------------------------------------- worker side

def _shipped(name):
    """Where a file or unpacked archive shipped under `name` is on this worker."""
    from pyspark import SparkFiles
    for path in (SparkFiles.get(name), os.path.join(os.getcwd(), name)):
        if os.path.exists(path):
            return path
    raise RuntimeError(f"winnow_spark: '{name}' was not shipped to this worker "
                       f"(looked in {SparkFiles.getRootDirectory()} and {os.getcwd()})")


def _resources_dir(name):
    root = _shipped(name)
    if os.path.isdir(os.path.join(root, "rules")):
        return root
    subs = [os.path.join(root, d) for d in sorted(os.listdir(root))]
    for sub in subs:
        if os.path.isdir(os.path.join(sub, "rules")):
            return sub
    raise RuntimeError(f"winnow_spark: no rules/ folder in the shipped resources {root}")


def _binary(name):
    path = _shipped(name)
    if not os.access(path, os.X_OK):
        os.chmod(path, 0o755)
    return path


def _child_env(resources):
    return {"LC_ALL": "C.UTF-8", "LANG": "C.UTF-8", "PATH": CHILD_PATH,
            "TMPDIR": tempfile.gettempdir(), "WINNOW_RESOURCES": resources}


def pipe(cmd, env, records, what):
    """Feeds records (bytes, no line end) to cmd's standard input, one a line, and yields
    its standard output lines (bytes, line end removed) as they come. Raises RuntimeError
    if cmd exits non-zero; the input is written from a thread so that neither pipe fills."""
    with tempfile.TemporaryFile() as err:
        p = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=err,
                             env=env, close_fds=True)
        fed = [0]
        failure = []

        def feed():
            try:
                for r in records:
                    if not r.strip():
                        continue
                    p.stdin.write(r)
                    p.stdin.write(b"\n")
                    fed[0] += 1
            except BrokenPipeError:
                pass  # winnow stopped reading: its exit status says why
            except BaseException as e:  # an input error: re-raised below
                failure.append(e)
            finally:
                try:
                    p.stdin.close()
                except BrokenPipeError:
                    pass

        t = threading.Thread(target=feed, name="winnow-feed", daemon=True)
        t.start()
        out = 0
        for line in p.stdout:
            out += 1
            yield line[:-1] if line.endswith(b"\n") else line
        t.join()
        rc = p.wait()
        if failure:
            raise failure[0]
        if rc != 0:
            err.seek(0)
            tail = err.read()[-3000:].decode("utf-8", "replace")
            raise RuntimeError(f"winnow_spark: {what}: `{' '.join(cmd)}` exited with status {rc} "
                               f"after {fed[0]} records in, {out} lines out:\n{tail}")


def stats_partition(binary_name, resources_name):
    def run(index, records):
        binary, res = _binary(binary_name), _resources_dir(resources_name)
        cmd = [binary, "stats", "--format", "jsonl", "--min-documents", "1"]
        for line in pipe(cmd, _child_env(res), records, f"statistics of partition {index}"):
            f = line.split(b"\t")
            if f[0] == b"D" and len(f) == 3:
                yield (b"D", f[1], b""), int(f[2])
            elif f[0] == b"L" and len(f) == 4:
                yield (b"L", f[1], f[2]), int(f[3])
            else:
                raise RuntimeError(f"winnow_spark: partition {index}: not a statistics record: {line[:200]!r}")
    return run


def clean_partition(binary_name, resources_name, stats_name, jobs, options):
    def run(index, records):
        binary, res = _binary(binary_name), _resources_dir(resources_name)
        cmd = [binary, "clean", "--format", "jsonl", "--quiet", "--jobs", str(jobs),
               "--corpus-stats", _shipped(stats_name)] + list(options)
        n_in = [0]

        def counted():
            for r in records:
                if r.strip():
                    n_in[0] += 1
                    yield r
        n_out = 0
        for line in pipe(cmd, _child_env(res), counted(), f"clean of partition {index}"):
            n_out += 1
            yield line
        if n_out != n_in[0]:
            raise RuntimeError(f"winnow_spark: partition {index}: {n_in[0]} records in, {n_out} out")
    return run


# ---------------------------------------------------------------- driver side

def serialize(counts):
    """The merged counts in `winnow stats`'s text form, sorted as winnow sorts them."""
    docs = sorted((k[1], n) for k, n in counts if k[0] == b"D")
    lines = sorted((k[1], int(k[2], 16), n) for k, n in counts if k[0] == b"L")
    out = [b"D\t%s\t%d\n" % (s, n) for s, n in docs]
    out += [b"L\t%s\t%x\t%d\n" % (s, h, n) for s, h, n in lines]
    return b"".join(out)


def main(argv=None):
    ap = argparse.ArgumentParser(description="Run winnow over a JSON Lines corpus on Spark.")
    ap.add_argument("input", help="JSON Lines input (a path or glob Spark can read)")
    ap.add_argument("output", help="output folder (must not exist): gzip part files")
    ap.add_argument("--binary", help="winnow binary to ship with addFile (default: shipped with --files as 'winnow')")
    ap.add_argument("--resources", help="resources archive to ship with addArchive "
                                        "(default: shipped with --archives as 'winnow-resources.tar.gz')")
    ap.add_argument("--partitions", type=int, default=0, help="minimum input partitions (default: Spark's)")
    ap.add_argument("--task-jobs", type=int, default=0,
                    help="winnow --jobs in each task (default: spark.task.cpus, usually 1)")
    ap.add_argument("--stats-min-documents", type=int, default=1,
                    help="ship only lines seen in at least K documents (default 1: all; up to the "
                         "templates' min-documents, 5 by default, the output does not change)")
    ap.add_argument("--stats-out", help="also write the merged statistics to this local file")
    ap.add_argument("winnow_options", nargs="*", help="after --: more `winnow clean` options")
    a = ap.parse_args(argv)

    from pyspark import SparkContext, SparkConf
    sc = SparkContext.getOrCreate(SparkConf().setAppName("winnow"))
    binary_name, resources_name = "winnow", "winnow-resources.tar.gz"
    if a.binary:
        sc.addFile(os.path.abspath(a.binary))
        binary_name = os.path.basename(a.binary)
    if a.resources:
        sc.addArchive(os.path.abspath(a.resources))
        resources_name = os.path.basename(a.resources)
    jobs = a.task_jobs or int(sc.getConf().get("spark.task.cpus", "1"))

    t0 = time.perf_counter()
    records = (sc.textFile(a.input, minPartitions=a.partitions, use_unicode=False) if a.partitions
               else sc.textFile(a.input, use_unicode=False))
    n_parts = records.getNumPartitions()

    # Stage 1: the corpus pass. Counts add up, so a sum by key is the whole corpus's.
    k = max(1, a.stats_min_documents)
    counts = (records.mapPartitionsWithIndex(stats_partition(binary_name, resources_name))
              .reduceByKey(operator.add)
              .filter(lambda kv: kv[0][0] == b"D" or kv[1] >= k)
              .collect())
    text = serialize(counts)
    t1 = time.perf_counter()
    digest = hashlib.sha256(text).hexdigest()[:16]
    stats_dir = tempfile.mkdtemp(prefix="winnow-spark-")
    stats_name = f"corpus-{digest}.stats"
    stats_path = os.path.join(stats_dir, stats_name)
    with open(stats_path, "wb") as f:
        f.write(text)
    if a.stats_out:
        with open(a.stats_out, "wb") as f:
            f.write(text)
    sc.addFile(stats_path)

    # Stage 2: clean, every worker with the same statistics.
    (records.mapPartitionsWithIndex(clean_partition(binary_name, resources_name, stats_name, jobs,
                                                    a.winnow_options))
     .saveAsTextFile(a.output, compressionCodecClass="org.apache.hadoop.io.compress.GzipCodec"))
    t2 = time.perf_counter()
    print(f"winnow_spark: {n_parts} partitions; statistics {len(text):,} bytes "
          f"({sum(1 for c in counts if c[0][0] == b'L'):,} lines) in {t1 - t0:.1f} s; "
          f"clean in {t2 - t1:.1f} s; total {t2 - t0:.1f} s", file=sys.stderr)
    sc.stop()


if __name__ == "__main__":
    main()
