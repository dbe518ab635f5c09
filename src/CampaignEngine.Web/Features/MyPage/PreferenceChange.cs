using System.Globalization;
using CampaignEngine.Core.Reference;
using CampaignEngine.Web.Features.Compatriots.Self;

namespace CampaignEngine.Web.Features.MyPage;

/// <summary>A field at fault, named as the JSON body names it, with the text key that says why in the reader's language.</summary>
internal sealed record PreferenceError(string Field, string Key);

/// <summary>
/// What one save changes, checked: from the form (the whole state) or JSON (only what it names). A null member is left as
/// it is; <see cref="MaxPerMonth"/> and <see cref="PausedUntil"/> carry "given" flags because null there also means "remove".
/// </summary>
internal sealed record PreferenceChange(
    IReadOnlyDictionary<string, bool> Channels, IReadOnlyList<string>? ChannelOrder, string? Language,
    bool MaxPerMonthGiven, int? MaxPerMonth, bool PausedUntilGiven, DateOnly? PausedUntil,
    IReadOnlyList<string>? Sectors, string? HomeRegion, string? Country)
{
    public const int MaxCap = 100;
    public const int MaxPauseDays = 731;

    public static (PreferenceChange? Change, IReadOnlyList<PreferenceError> Errors) FromJson(PreferencesInput input, OwnPreferences current, DateOnly today)
    {
        var errors = new List<PreferenceError>();
        var channels = (input.Channels?.Given() ?? []).ToDictionary(c => c.Key, c => c.Value);
        DateOnly? paused = null;
        if (input.PausedUntilGiven && input.PausedUntil is { } text) paused = Day(text, today, errors);
        if (input.MaxPerMonthGiven && input.MaxPerMonth is { } cap) Cap(cap, errors);
        return Checked(new PreferenceChange(channels, input.ChannelOrder, input.Language, input.MaxPerMonthGiven, input.MaxPerMonth,
            input.PausedUntilGiven, paused, input.Sectors, input.HomeRegion, input.Country), current, errors);
    }

    public static (PreferenceChange? Change, IReadOnlyList<PreferenceError> Errors) FromForm(PreferencesForm form, OwnPreferences current, DateOnly today)
    {
        var errors = new List<PreferenceError>();
        var unknown = form.Channels.Where(c => !Vocabulary.Channels.Contains(c)).ToList();
        if (unknown.Count > 0) errors.Add(new("channels", "me.error.channels"));
        var channels = Vocabulary.Channels.ToDictionary(c => c, form.Channels.Contains);
        int? cap = null;
        if (!string.IsNullOrWhiteSpace(form.MaxPerMonth))
        {
            if (int.TryParse(form.MaxPerMonth.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n)) cap = Cap(n, errors) ? n : null;
            else errors.Add(new("maxPerMonth", "me.error.maxPerMonth"));
        }
        DateOnly? paused = string.IsNullOrWhiteSpace(form.PausedUntil) ? null : Day(form.PausedUntil.Trim(), today, errors);
        var order = form.ChannelOrder.Where(c => !string.IsNullOrEmpty(c)).ToList();
        return Checked(new PreferenceChange(channels, order, form.Language, true, cap, true, paused, form.Sectors,
            string.IsNullOrEmpty(form.HomeRegion) ? null : form.HomeRegion, string.IsNullOrEmpty(form.Country) ? null : form.Country), current, errors);
    }

    /// <summary>The checks both ways share: closed lists, no repeated channel, an address for every channel turned on.</summary>
    private static (PreferenceChange?, IReadOnlyList<PreferenceError>) Checked(PreferenceChange change, OwnPreferences current, List<PreferenceError> errors)
    {
        foreach (var (channel, on) in change.Channels)
            if (on && current.Channels.FirstOrDefault(c => c.Channel == channel) is { HasAddress: false })
                errors.Add(new($"channels.{channel}", "me.error.noAddress"));
        if (change.ChannelOrder is { } order && (order.Any(c => !Vocabulary.Channels.Contains(c)) || order.Distinct().Count() != order.Count))
            errors.Add(new("channelOrder", "me.error.channelOrder"));
        if (change.Language is { } language && !Languages.IsKnown(language)) errors.Add(new("language", "me.error.language"));
        if (change.Sectors is { } sectors && sectors.Any(s => !Vocabulary.Sectors.Contains(s))) errors.Add(new("sectors", "me.error.sectors"));
        var region = change.HomeRegion is { } r ? Regions.Find(r)?.Code : null;
        if (change.HomeRegion is not null && region is null) errors.Add(new("homeRegion", "me.error.homeRegion"));
        var country = change.Country is { } k ? Countries.Find(k)?.Iso2 : null;
        if (change.Country is not null && country is null) errors.Add(new("country", "me.error.country"));
        return errors.Count > 0 ? (null, errors) : (change with { HomeRegion = region, Country = country }, errors);
    }

    private static bool Cap(int cap, List<PreferenceError> errors)
    {
        if (cap is >= 1 and <= MaxCap) return true;
        errors.Add(new("maxPerMonth", "me.error.maxPerMonth"));
        return false;
    }

    /// <summary>A day from yesterday (the person's zone may be behind UTC) to two years ahead, written yyyy-MM-dd.</summary>
    private static DateOnly? Day(string text, DateOnly today, List<PreferenceError> errors)
    {
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            && day >= today.AddDays(-1) && day <= today.AddDays(MaxPauseDays))
            return day;
        errors.Add(new("pausedUntil", "me.error.pausedUntil"));
        return null;
    }
}
