using CampaignEngine.Core.Reference;

namespace CampaignEngine.Web.Features.Pledges.Mine;

/// <summary>
/// What a donor reads of the projects they gave to: each project's public title and the updates published since their
/// first pledge to it. Owned here, where the person's page shows it; implemented by the Projects feature, which owns
/// the updates and their files (<c>pledge_project_update</c>, <c>pledge_project_file</c>).
/// </summary>
internal interface IProjectNews
{
    /// <param name="firstPledged">Each project and the moment the person first pledged to it.</param>
    /// <param name="perProject">At most this many updates of each project, the newest.</param>
    IReadOnlyList<ProjectNews> Since(IReadOnlyDictionary<long, DateTimeOffset> firstPledged, int perProject);
}

/// <param name="More">Whether the project published more since then than <see cref="Updates"/> holds (its public page has them all).</param>
internal sealed record ProjectNews(long ProjectId, LocalizedText Title, IReadOnlyList<NewsItem> Updates, bool More);

internal sealed record NewsItem(long Id, string Text, string? Link, DateTimeOffset PublishedAt, IReadOnlyList<NewsFile> Files);

/// <summary>
/// A photo or document of an update, served from the project's own file route; a photo also as its small copy
/// (<paramref name="ThumbnailUrl"/>, tens of kilobytes), which the page shows.
/// </summary>
internal sealed record NewsFile(string Url, string Name, bool IsImage, long Size, string? ThumbnailUrl = null);
