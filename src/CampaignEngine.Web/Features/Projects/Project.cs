using CampaignEngine.Core.Reference;

namespace CampaignEngine.Web.Features.Projects;

internal sealed record ProjectTexts(string? Ky, string? Ru, string? En);

internal sealed record ProjectShares(decimal? State, decimal? Local, decimal? Diaspora);

/// <summary>A home-region project posted by an oblast administration, that pledges can be attached to.</summary>
internal sealed record ProjectRequest(
    string? ModuleId, string? Region, string? Village, string? Sector, ProjectTexts? Title, ProjectTexts? Description,
    decimal? Budget, string? Currency, ProjectShares? Shares);

internal sealed record ProjectRow
{
    public long Id { get; init; }
    public string ModuleId { get; init; } = "";
    public string Region { get; init; } = "";
    public string? Village { get; init; }
    public string? Sector { get; init; }
    public string TitleKy { get; init; } = "";
    public string TitleRu { get; init; } = "";
    public string TitleEn { get; init; } = "";
    public string DescriptionKy { get; init; } = "";
    public string DescriptionRu { get; init; } = "";
    public string DescriptionEn { get; init; } = "";
    public decimal Budget { get; init; }
    public string Currency { get; init; } = "";
    public decimal BudgetUsd { get; init; }
    public decimal ShareState { get; init; }
    public decimal ShareLocal { get; init; }
    public decimal ShareDiaspora { get; init; }
    public DateTimeOffset CreatedAt { get; init; }

    public LocalizedText Title => new(TitleKy, TitleRu, TitleEn);
    public LocalizedText Description => new(DescriptionKy, DescriptionRu, DescriptionEn);

    /// <summary>The project as an appeal speaks of it (<c>cause.title</c>, <c>cause.description</c>).</summary>
    public Core.Modules.AppealCause Cause => new(Title, Description);
}

/// <summary>Where a project stands: what was pledged, what actually arrived, from how many people.</summary>
internal sealed record ProjectProgress
{
    /// <summary>Pledges vouched for: confirmed by staff, or partly or wholly paid with approved evidence.</summary>
    public decimal ConfirmedUsd { get; init; }

    /// <summary>Pledged and not yet confirmed: shown apart, never added to the confirmed money.</summary>
    public decimal PromisedUsd { get; init; }

    /// <summary>Large sums through a link waiting for staff confirmation: counted nowhere in public.</summary>
    public decimal AwaitingUsd { get; init; }

    /// <summary>Everything pledged that is not waiting for confirmation (confirmed and promised).</summary>
    public decimal PledgedUsd => ConfirmedUsd + PromisedUsd;
    public decimal FulfilledUsd { get; init; }
    public decimal FulfilledHours { get; init; }
    public long Donors { get; init; }
    public long FulfilledDonors { get; init; }

    public decimal PercentOf(decimal budgetUsd) => budgetUsd <= 0 ? 0 : Math.Min(100, Math.Round(100 * FulfilledUsd / budgetUsd, 1));
}

internal sealed record ProjectUpdate(long Id, string Text, string? Link, DateTimeOffset CreatedAt, IReadOnlyList<ProjectFile> Files);

/// <summary>A photo or document attached to an update, served from <c>/projects/{ProjectId}/files/{Id}</c>.</summary>
internal sealed record ProjectFile
{
    public long Id { get; init; }
    public long ProjectId { get; init; }
    public long UpdateId { get; init; }
    public string StoredName { get; init; } = "";
    public string ContentType { get; init; } = "";
    public string OriginalName { get; init; } = "";
    public long Size { get; init; }

    public string Url => $"/projects/{ProjectId}/files/{Id}";

    /// <summary>The photo's small copy, which pages show (<see cref="Photos.PhotoThumbnails"/>).</summary>
    public string ThumbnailUrl => Url + "/thumbnail";

    public bool IsImage => ProjectFiles.IsImage(ContentType);
}

/// <summary>A project with its progress, for the staff list.</summary>
internal sealed record ProjectListItem(ProjectRow Project, ProjectProgress Progress);
