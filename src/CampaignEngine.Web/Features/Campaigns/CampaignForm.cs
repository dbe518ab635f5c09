namespace CampaignEngine.Web.Features.Campaigns;

/// <summary>The campaign form on the pages; check boxes arrive as arrays.</summary>
public sealed class CampaignForm
{
    public string? ModuleId { get; set; }
    public string? Name { get; set; }
    public string? Template { get; set; }
    public string[] Countries { get; set; } = [];
    public string[] Genders { get; set; } = [];
    public string[] AgeBands { get; set; } = [];
    public string[] Languages { get; set; } = [];
    public string[] Willing { get; set; } = [];
    public long? OrganizationId { get; set; }
    public string[] Channels { get; set; } = [];
    public string? WindowFrom { get; set; }
    public string? WindowTo { get; set; }
    public string? QuietDates { get; set; }

    public CampaignRequest ToRequest() => new(ModuleId, Name, Template,
        new Segment
        {
            Countries = NullIfEmpty(Countries), Genders = NullIfEmpty(Genders), AgeBands = NullIfEmpty(AgeBands),
            Languages = NullIfEmpty(Languages), Willing = NullIfEmpty(Willing), OrganizationId = OrganizationId,
        },
        NullIfEmpty(Channels),
        new WindowRequest(WindowFrom, WindowTo),
        QuietDates?.Split([';', ',', ' ', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    public static CampaignForm From(CampaignRow c)
    {
        var s = c.Segment;
        return new CampaignForm
        {
            ModuleId = c.ModuleId, Name = c.Name, Template = c.Template,
            Countries = s.Countries ?? [], Genders = s.Genders ?? [], AgeBands = s.AgeBands ?? [], Languages = s.Languages ?? [],
            Willing = s.Willing ?? [], OrganizationId = s.OrganizationId, Channels = [.. c.ChannelList],
            WindowFrom = c.WindowFrom, WindowTo = c.WindowTo, QuietDates = string.Join(' ', c.QuietDateList),
        };
    }

    private static string[]? NullIfEmpty(string[] values) => values.Length == 0 ? null : values;
}

/// <summary>What the campaign form page shows.</summary>
public sealed record CampaignFormPage(
    CampaignForm Form, Core.Modules.ModuleManifest Module, IReadOnlyList<(long Id, string Name)> Organizations, long? CampaignId, FieldError? Error);

/// <summary>What the campaign page shows.</summary>
public sealed record CampaignPage(
    CampaignRow Campaign, Core.Modules.ModuleManifest Module, AudiencePreview Audience, MessageCounts Counts,
    IReadOnlyList<FunnelRow> Funnel, IReadOnlyList<HourCount> Schedule, IReadOnlyList<FailureGroup> Failures, CampaignFormPage? Edit, FieldError? LaunchError);
