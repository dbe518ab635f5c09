using CampaignEngine.Web.Features.Pledges;
using CampaignEngine.Web.Infrastructure.Localization;

namespace CampaignEngine.Web.Features.Responses.Desk.Staff;

/// <summary>The API's shapes of a thread: codes and UTC times, for programs.</summary>
internal static class InboxJson
{
    public static object Item(DeskItem i, DateTimeOffset now) => new
    {
        i.Id, i.CompatriotId, i.UnknownSender, i.ModuleId, i.CampaignId, i.Channel, i.State, i.Topics, i.AssigneeId,
        i.ReceivedAt, i.DueAt, overdue = i.IsOverdueAt(now), i.LastMessage,
    };

    /// <summary>
    /// The conversation apart from staff's own lines: the person's messages and the answers, then notes, then events —
    /// each event with its code and values, and its text in the reader's language (<paramref name="language"/>).
    /// </summary>
    public static object Thread(DeskThreadView t, DateTimeOffset now, UiText texts, string language) => new
    {
        t.Thread.Id, t.Thread.CompatriotId, t.Thread.UnknownSender, t.Thread.ModuleId, t.Thread.CampaignId, t.Thread.Channel, t.Thread.State,
        t.Thread.Topics, t.Thread.AssigneeId, t.Thread.ReceivedAt, t.Thread.DueAt, overdue = t.Thread.IsOverdueAt(now), t.Thread.LastMessage,
        t.AddressedTo, t.OrganizationId, t.ForwardedTo, t.Language,
        messages = t.Lines.Where(l => l.Kind is "in" or "out").Select(l => new { direction = l.Kind, l.Channel, l.Text, l.At }),
        notes = t.Lines.Where(l => l.Kind == "note").Select(l => new { l.Text, l.At, author = l.AuthorLogin }),
        events = t.Lines.Where(l => l.Kind == "event").Select(l => new
        {
            code = l.Event?.Code, args = l.Event?.Args, text = l.TextIn(texts, language), l.At, author = l.AuthorLogin,
        }),
        person = t.Person is { } p
            ? new
            {
                p.Id, fullName = p.Erased ? null : p.FullName, p.Erased, p.Language, p.Country, p.HomeRegion, p.Consents,
                pledges = t.Pledges.Select(Pledge),
            }
            : null,
    };

    private static object Pledge(PledgeRow p) => new { p.Id, p.Kind, p.Amount, p.Currency, p.Hours, p.Status, p.CreatedAt };
}
