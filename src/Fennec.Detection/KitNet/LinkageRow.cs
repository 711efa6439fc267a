namespace Fennec.Detection.KitNet;

/// <summary>
/// One merge of a hierarchical clustering, as a row of SciPy's linkage matrix Z: merge <c>k</c> joins clusters
/// <see cref="Left"/> and <see cref="Right"/> (ids below n are single features, id <c>n + k'</c> is the cluster made by
/// merge <c>k'</c>) into cluster <c>n + k</c>.
/// </summary>
/// <param name="Left">The smaller of the two cluster ids merged.</param>
/// <param name="Right">The larger of the two cluster ids merged.</param>
/// <param name="Distance">The distance at which they merge.</param>
/// <param name="Count">Features in the merged cluster.</param>
public readonly record struct LinkageRow(int Left, int Right, double Distance, int Count);
