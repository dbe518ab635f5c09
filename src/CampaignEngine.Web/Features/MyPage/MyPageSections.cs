using CampaignEngine.Web.Features.Compatriots.Self;

namespace CampaignEngine.Web.Features.MyPage;

/// <summary>One section of the person's page: its anchor id, its heading's text key, and the partial view that draws its model.</summary>
internal sealed record MyPageSection(string Id, string TitleKey, string Partial, object Model);

/// <summary>
/// The person whose page is open: their id, link token and the page's language, and the notice a section's own action
/// came back with (<c>?notice=</c>, after its redirect), which only that section reads.
/// </summary>
internal sealed record MyPageVisit(long CompatriotId, string Token, string Language, string? Notice = null);

/// <summary>
/// The extension point of the page: each registered provider adds its sections (contributions, receipts, questions, my
/// data) after the preferences, in <see cref="Order"/>. A provider reads only its own feature's data for the person and
/// returns nothing when it has nothing to show.
/// </summary>
internal interface IMyPageSections
{
    int Order { get; }

    IEnumerable<MyPageSection> For(MyPageVisit visit);
}

/// <summary>The whole page: who it greets, and its sections in order.</summary>
internal sealed record MyPageModel(string Token, string FirstName, IReadOnlyList<MyPageSection> Sections, bool Rotated);

/// <summary>The preferences section: what is stored, or what was posted with the faults beside each field.</summary>
internal sealed record PreferencesSection(string Token, OwnPreferences Current, PreferencesForm? Posted, IReadOnlyList<PreferenceError> Errors, bool Saved)
{
    public string? ErrorFor(string field) => Errors.FirstOrDefault(e => e.Field == field || e.Field.StartsWith(field + ".", StringComparison.Ordinal))?.Key;

    public bool On(string channel) => Posted is { } p ? p.Channels.Contains(channel) : Current.Channels.Any(c => c.Channel == channel && c.On);

    public string? OrderAt(int place)
    {
        var order = Posted?.ChannelOrder ?? Current.ChannelOrder;
        return place < order.Count ? order[place] : null;
    }

    public string Language => Posted?.Language ?? Current.Language;
    public string? MaxPerMonth => Posted is { } p ? p.MaxPerMonth : Current.MaxPerMonth?.ToString(System.Globalization.CultureInfo.InvariantCulture);
    public string? PausedUntil => Posted is { } p ? p.PausedUntil : Current.PausedUntil?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
    public bool Sector(string sector) => (Posted?.Sectors ?? Current.Sectors).Contains(sector);

    /// <summary>The value shown for a correction: what was posted, else the one waiting for staff, else the directory's.</summary>
    public string? Proposed(string field, string? stored) => Posted is { } p
        ? (field == ProposedChange.Country ? p.Country : p.HomeRegion)
        : Current.Proposed.FirstOrDefault(c => c.Field == field)?.Value ?? stored;
}
