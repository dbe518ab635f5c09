using CampaignEngine.Core.Reference;
using CampaignEngine.Web.Features.Pledges.Mine;
using CampaignEngine.Web.Infrastructure.Database;
using Dapper;

namespace CampaignEngine.Web.Features.Projects;

/// <summary>
/// The Pledges feature's port for the person's page: the projects a donor gave to, with the updates published since
/// their first pledge to each, newest first. One query per project (a person supports a few), each reading the
/// project's updates by its index from the moment given; their files in one query.
/// </summary>
internal sealed class DonorNews(Db db) : IProjectNews
{
    public IReadOnlyList<ProjectNews> Since(IReadOnlyDictionary<long, DateTimeOffset> firstPledged, int perProject)
    {
        using var connection = db.Open();
        var titles = connection.Query<(long Id, string Ky, string Ru, string En)>(
            $"SELECT id, title_ky, title_ru, title_en FROM pledge_project WHERE {db.AnyOf("id", "@ids")}", new { ids = firstPledged.Keys.ToArray() })
            .ToDictionary(t => t.Id, t => new LocalizedText(t.Ky, t.Ru, t.En));
        var updates = titles.Keys.ToDictionary(id => id, id => connection.Query<Update>("""
            SELECT id, text, link, created_at AS At FROM pledge_project_update
            WHERE project_id = @id AND created_at >= @since ORDER BY created_at DESC, id DESC LIMIT @limit
            """, new { id, since = firstPledged[id], limit = perProject + 1 }).ToList());
        var files = connection.Query<ProjectFile>($"""
            SELECT id, project_id AS ProjectId, update_id AS UpdateId, content_type AS ContentType, original_name AS OriginalName, size
            FROM pledge_project_file WHERE {db.AnyOf("update_id", "@ids")} ORDER BY id
            """, new { ids = updates.Values.SelectMany(u => u.Take(perProject)).Select(u => u.Id).ToArray() }).ToLookup(f => f.UpdateId);
        // The projects the person gave to most recently first, as their pledges are listed.
        return [.. titles.OrderByDescending(t => firstPledged[t.Key]).Select(t => new ProjectNews(t.Key, t.Value,
            [.. updates[t.Key].Take(perProject).Select(u => new NewsItem(u.Id, u.Text, u.Link, u.At,
                [.. files[u.Id].Select(f => new NewsFile(f.Url, f.OriginalName, f.IsImage, f.Size, f.IsImage ? f.ThumbnailUrl : null))]))],
            updates[t.Key].Count > perProject))];
    }

    private sealed record Update
    {
        public long Id { get; init; }
        public string Text { get; init; } = "";
        public string? Link { get; init; }
        public DateTimeOffset At { get; init; }
    }
}
