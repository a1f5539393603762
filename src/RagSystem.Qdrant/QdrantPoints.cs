using Google.Protobuf.Collections;
using Qdrant.Client.Grpc;

namespace RagSystem.Qdrant;

/// <summary>The point-level calls the store makes, each through the retrying <see cref="QdrantCallRunner"/>. Writes wait
/// until applied (<c>wait: true</c>), so a completed call is visible to the next read.</summary>
internal sealed class QdrantPoints(QdrantGrpcClient client, QdrantCallRunner calls, string collection)
{
    private const uint ScrollPage = 256;

    public Task UpsertAsync(IReadOnlyList<PointStruct> points, CancellationToken cancellationToken) =>
        calls.RunAsync("writing points", (deadline, ct) =>
            client.Points.UpsertAsync(Upsert(collection, points), deadline: deadline, cancellationToken: ct).ResponseAsync, cancellationToken);

    public Task DeleteAsync(Filter filter, CancellationToken cancellationToken) =>
        calls.RunAsync("deleting points", (deadline, ct) =>
            client.Points.DeleteAsync(Delete(collection, filter), deadline: deadline, cancellationToken: ct).ResponseAsync, cancellationToken);

    public Task DeleteAsync(IReadOnlyList<Guid> ids, CancellationToken cancellationToken) =>
        calls.RunAsync("deleting points", (deadline, ct) =>
            client.Points.DeleteAsync(Delete(collection, ids), deadline: deadline, cancellationToken: ct).ResponseAsync, cancellationToken);

    /// <summary>Sets payload keys of one point, leaving the others.</summary>
    public Task SetPayloadAsync(Guid id, IReadOnlyDictionary<string, Value> payload, CancellationToken cancellationToken)
    {
        var request = new SetPayloadPoints { CollectionName = collection, Wait = true, PointsSelector = Ids([id]) };
        foreach (var (key, value) in payload) request.Payload.Add(key, value);
        return calls.RunAsync("updating a document", (deadline, ct) =>
            client.Points.SetPayloadAsync(request, deadline: deadline, cancellationToken: ct).ResponseAsync, cancellationToken);
    }

    /// <summary>The payloads of the points with these ids that exist, by id.</summary>
    public async Task<Dictionary<Guid, MapField<string, Value>>> GetAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken)
    {
        if (ids.Count == 0) return [];
        var request = new GetPoints { CollectionName = collection, WithPayload = new WithPayloadSelector { Enable = true }, WithVectors = new WithVectorsSelector { Enable = false } };
        request.Ids.AddRange(ids.Select(id => new PointId { Uuid = id.ToString("D") }));
        var response = await calls.RunAsync("reading points", (deadline, ct) =>
            client.Points.GetAsync(request, deadline: deadline, cancellationToken: ct).ResponseAsync, cancellationToken);
        return response.Result.ToDictionary(p => Guid.Parse(p.Id.Uuid), p => p.Payload);
    }

    /// <summary>Every point matching <paramref name="filter"/>, page by page.</summary>
    public async Task<List<RetrievedPoint>> ScrollAsync(Filter filter, bool withDenseVector, CancellationToken cancellationToken)
    {
        var points = new List<RetrievedPoint>();
        PointId? offset = null;
        do
        {
            var request = new ScrollPoints
            {
                CollectionName = collection,
                Filter = filter,
                Limit = ScrollPage,
                WithPayload = new WithPayloadSelector { Enable = true },
                WithVectors = withDenseVector
                    ? new WithVectorsSelector { Include = new VectorsSelector { Names = { QdrantPayloadKeys.DenseVector } } }
                    : new WithVectorsSelector { Enable = false },
            };
            if (offset is not null) request.Offset = offset;
            var response = await calls.RunAsync("reading points", (deadline, ct) =>
                client.Points.ScrollAsync(request, deadline: deadline, cancellationToken: ct).ResponseAsync, cancellationToken);
            points.AddRange(response.Result);
            offset = response.NextPageOffset;
        }
        while (offset is not null);
        return points;
    }

    public async Task<RepeatedField<ScoredPoint>> QueryAsync(QueryPoints query, CancellationToken cancellationToken)
    {
        var response = await calls.RunAsync("searching", (deadline, ct) =>
            client.Points.QueryAsync(query, deadline: deadline, cancellationToken: ct).ResponseAsync, cancellationToken);
        return response.Result;
    }

    /// <summary>An upsert that returns once the points are applied and searchable.</summary>
    public static UpsertPoints Upsert(string collection, IEnumerable<PointStruct> points)
    {
        var upsert = new UpsertPoints { CollectionName = collection, Wait = true };
        upsert.Points.AddRange(points);
        return upsert;
    }

    /// <summary>A delete of every point matching <paramref name="filter"/>, returning once applied.</summary>
    public static DeletePoints Delete(string collection, Filter filter) =>
        new() { CollectionName = collection, Wait = true, Points = new PointsSelector { Filter = filter } };

    /// <summary>A delete of the points with these ids, returning once applied.</summary>
    public static DeletePoints Delete(string collection, IEnumerable<Guid> ids) =>
        new() { CollectionName = collection, Wait = true, Points = Ids(ids) };

    private static PointsSelector Ids(IEnumerable<Guid> ids)
    {
        var list = new PointsIdsList();
        list.Ids.AddRange(ids.Select(id => new PointId { Uuid = id.ToString("D") }));
        return new PointsSelector { Points = list };
    }
}
