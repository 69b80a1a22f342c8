"""The scikit-learn peer of our offline taxonomy clustering (test/bench/peer.bench.ts runs it).

The obvious pipeline a Python user would write for the same job, with the same shape rules as
pipeline/taxonomy/group-phrases.ts: per root, MiniBatchKMeans micro-clusters (same k rule) when the
root has more phrases than the limit, average-linkage cosine agglomeration of the mention-weighted
unit means cut at 1 - leafSimilarity, then one agglomeration per level above the leaves cut to the
same group count. scikit-learn defaults otherwise (1.2: n_init=3, batch_size=1024).

Usage: python3 peer_sklearn.py DIR   (reads DIR/meta.json, vectors.f32, roots.i32, weights.f64;
writes DIR/peer-micro.i32, DIR/peer-leaf.i32 and prints one JSON line).
"""
import json
import math
import resource
import sys
import time

t_start = time.perf_counter()
import numpy as np  # noqa: E402
from scipy import sparse  # noqa: E402
from sklearn.cluster import AgglomerativeClustering, MiniBatchKMeans  # noqa: E402

t_imported = time.perf_counter()
work = sys.argv[1]
meta = json.load(open(f"{work}/meta.json"))
n, d, s = meta["n"], meta["d"], meta["settings"]
X = np.fromfile(f"{work}/vectors.f32", dtype=np.float32).reshape(n, d)
roots = np.fromfile(f"{work}/roots.i32", dtype=np.int32)
weights = np.fromfile(f"{work}/weights.f64", dtype=np.float64)
t_loaded = time.perf_counter()


def unit_means(rows, labels, k, w):
    """Unit-normalised weighted mean of each label's rows (k x d)."""
    m = sparse.csr_matrix((w, (labels, np.arange(len(labels)))), shape=(k, len(labels)))
    sums = np.asarray(m @ rows, dtype=np.float64)
    norms = np.linalg.norm(sums, axis=1, keepdims=True)
    norms[norms == 0] = 1
    return (sums / norms).astype(np.float32)


def group_count(items):
    return max(1, math.ceil(items / s["branching"]), min(items // s["minChildren"], round(math.sqrt(items))))


micro_out = np.full(n, -1, dtype=np.int32)
leaf_out = np.full(n, -1, dtype=np.int32)
next_micro = next_leaf = 0
kmeans_s = linkage_s = 0.0
for r in range(meta["roots"]):
    members = np.flatnonzero(roots == r)
    if len(members) == 0:
        continue
    sub, w = X[members], weights[members]
    limit = s["microClusters"]
    t0 = time.perf_counter()
    if len(members) > limit:
        k = min(limit, max(math.ceil(limit / 6), math.ceil(len(members) / 50)))
        km = MiniBatchKMeans(n_clusters=k, random_state=meta["seed"] + r, n_init=3, batch_size=1024).fit(sub)
        units = np.unique(km.labels_, return_inverse=True)[1]
        micro_out[members] = units + next_micro
        next_micro += units.max() + 1
    else:
        units = np.arange(len(members))
    t1 = time.perf_counter()
    unit_count = units.max() + 1
    if unit_count > 1:
        vecs = unit_means(sub, units, unit_count, w)
        cut = AgglomerativeClustering(
            n_clusters=None, distance_threshold=1 - s["leafSimilarity"], metric="cosine", linkage="average"
        ).fit(vecs)
        leaf_of_unit = cut.labels_
    else:
        leaf_of_unit = np.zeros(1, dtype=np.int64)
    leaf = leaf_of_unit[units]
    leaf_out[members] = leaf + next_leaf
    leaves = leaf.max() + 1
    next_leaf += leaves
    # Levels above the leaves: agglomerate the (unit) centroids, cut to the group count.
    items = unit_means(sub, leaf, leaves, w)
    for _level in range(s["depth"] - 2):
        k = group_count(len(items))
        if k == 1 or len(items) < 2:
            break
        up = AgglomerativeClustering(n_clusters=k, metric="cosine", linkage="average").fit(items).labels_
        items = unit_means(items, up, k, np.ones(len(items)))
    linkage_s += time.perf_counter() - t1
    kmeans_s += t1 - t0

micro_out.tofile(f"{work}/peer-micro.i32")
leaf_out.tofile(f"{work}/peer-leaf.i32")
done = time.perf_counter()
print(
    json.dumps(
        {
            "importMs": (t_imported - t_start) * 1000,
            "loadMs": (t_loaded - t_imported) * 1000,
            "kmeansMs": kmeans_s * 1000,
            "linkageMs": linkage_s * 1000,
            "clusterMs": (done - t_loaded) * 1000,
            "cpuMs": sum(resource.getrusage(resource.RUSAGE_SELF)[:2]) * 1000,
            "peakRssMb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            "sklearn": __import__("sklearn").__version__,
        }
    )
)
