using CampaignEngine.Web.Features.Audit;
using CampaignEngine.Web.Features.Compatriots;
using CampaignEngine.Web.Features.Compatriots.Self;
using CampaignEngine.Web.Features.Responses;
using CampaignEngine.Web.Infrastructure.Database;

namespace CampaignEngine.Web.Features.MyPage;

/// <summary>
/// Applies a checked <see cref="PreferenceChange"/> in one transaction: channels turned on are granted with source
/// "self", channels turned off are opted out exactly as an unsubscribe or a STOP reply does (the responses feature's
/// <see cref="Consent"/>: the withdrawal is recorded and what waits on that channel is skipped), then the limits,
/// language, sectors and proposed corrections. The person's action is audited by id, never by name.
/// </summary>
internal sealed class PreferenceSaver(Db db, Consent consent, AuditLog audit, TimeProvider clock)
{
    public const string Source = "self";

    public void Save(OwnPreferences current, PreferenceChange change)
    {
        var now = clock.GetUtcNow();
        var id = current.CompatriotId;
        using (var connection = db.Open())
        using (var transaction = connection.BeginTransaction())
        {
            foreach (var (channel, on) in change.Channels)
            {
                var was = current.Channels.First(c => c.Channel == channel).On;
                if (on && !was) CompatriotConsent.Grant(connection, transaction, id, channel, Source, now);
                if (!on && was) consent.OptOut(connection, transaction, id, channel, Source);
            }
            SelfPreferences.SaveLimits(connection, transaction, id, new StoredLimits(
                change.ChannelOrder ?? current.ChannelOrder,
                change.MaxPerMonthGiven ? change.MaxPerMonth : current.MaxPerMonth,
                change.PausedUntilGiven ? change.PausedUntil : current.PausedUntil), now);
            SelfPreferences.SaveLanguageAndSectors(connection, transaction, current, change.Language ?? current.Language, change.Sectors ?? current.Sectors, now);
            if (change.HomeRegion is { } region) ProposedChanges.Propose(connection, transaction, id, ProposedChange.HomeRegion, region, now);
            if (change.Country is { } country) ProposedChanges.Propose(connection, transaction, id, ProposedChange.Country, country, now);
            transaction.Commit();
        }
        audit.Append(null, "anonymous", "me.preferences", $"compatriot/{id}", new
        {
            channels = change.Channels, channelOrder = change.ChannelOrder, language = change.Language,
            maxPerMonth = change.MaxPerMonthGiven ? change.MaxPerMonth : null, pausedUntil = change.PausedUntilGiven ? change.PausedUntil?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) : null,
            sectors = change.Sectors, proposed = new[] { change.HomeRegion is null ? null : "homeRegion", change.Country is null ? null : "country" }.OfType<string>(),
        });
    }
}
