using System.Globalization;
using CampaignEngine.Core.Modules;
using CampaignEngine.Core.Reference;
using CampaignEngine.Web.Features.Auth;
using CampaignEngine.Web.Features.Sending;
using CampaignEngine.Web.Infrastructure.Database;
using CampaignEngine.Web.Infrastructure.Templates;
using CampaignEngine.Web.ModuleHost;
using Dapper;
using Hangfire;

namespace CampaignEngine.Web.Features.Campaigns;

/// <summary>The campaign use cases shared by the pages and the API.</summary>
internal sealed class CampaignService(
    CampaignStore store, Audience audience, Ledger ledger, ModuleRegistry modules, MessageComposer composer,
    Db db, TimeProvider clock, IBackgroundJobClient jobs, Audit.AuditLog audit, IProjectModules projects, MessageModelBuilder models,
    CampaignMessages messages, CampaignProjects causes)
{
    public static readonly IReadOnlyList<string> DefaultChannels = Vocabulary.Channels;

    public (long? Id, IReadOnlyList<FieldError> Errors) Create(CampaignRequest request, CurrentUser user)
    {
        request = Normalised(request);
        var errors = WithProjects(CampaignValidation.Check(request, modules, user, out var module), request, module);
        if (errors.Count > 0) return (null, errors);
        var id = store.Create(module!.Id, CampaignValidation.Draft(CampaignValidation.WithPreset(request, module), null), user.Id);
        return (id, []);
    }

    public IReadOnlyList<FieldError> Update(CampaignRow campaign, CampaignRequest request, CurrentUser user)
    {
        request = Normalised(request with { ModuleId = campaign.ModuleId });
        var errors = WithProjects(CampaignValidation.Check(request, modules, user, out var module), request, module);
        if (errors.Count > 0) return errors;
        return store.UpdateDraft(campaign.Id, CampaignValidation.Draft(CampaignValidation.WithPreset(request, module!), campaign))
            ? []
            : [new FieldError("status", "Only a draft can be changed; this campaign has been launched.")];
    }

    // A segment left out stays out until the check: beside a preset, one given is refused; without one, it is everyone.
    private static CampaignRequest Normalised(CampaignRequest request) =>
        request with { Segment = request.Segment is { } segment ? CampaignValidation.Normalise(segment) : null };

    /// <summary>The request's other errors, and the projects' when the module is known.</summary>
    private IReadOnlyList<FieldError> WithProjects(IReadOnlyList<FieldError> errors, CampaignRequest request, ModuleManifest? module) =>
        module is not null && CampaignValidation.CheckProjects(request.ProjectIds, module, projects) is { } projectError ? [.. errors, projectError] : errors;

    /// <summary>
    /// Who the campaign reaches: the segment's people for an appeal; for a system campaign the people it has
    /// messages for (a certificate delivery of one paper reached one person, not every native of the region).
    /// </summary>
    public AudiencePreview Audience(CampaignRow campaign, CurrentUser user) => campaign.IsAppeal
        ? audience.Preview(ModuleOf(campaign), campaign.Segment, campaign.ChannelList, AccessScope.Of(user).PeopleRegion)
        : audience.OfLedger(campaign.Id, AccessScope.Of(user).PeopleRegion);

    /// <summary>Who a campaign of <paramref name="module"/> with this audience would reach, before it is saved (a preset just chosen).</summary>
    public AudiencePreview AudienceOf(ModuleManifest module, Segment segment, IReadOnlyList<string> channels, CurrentUser user) =>
        audience.Preview(module, CampaignValidation.Normalise(segment), channels, AccessScope.Of(user).PeopleRegion);

    /// <summary>
    /// The message as the recipients will read it in <paramref name="language"/>: rendered for a real
    /// member of the audience who speaks it, or for a sample person when there is none.
    /// </summary>
    public RenderedMessage Preview(CampaignRow campaign, string language, CurrentUser user)
    {
        var module = ModuleOf(campaign);
        var sampleId = audience.SampleRecipient(module, campaign.Segment, language, AccessScope.Of(user).PeopleRegion);
        RecipientRow? recipient = null;
        if (sampleId is { } id)
        {
            using var connection = db.Open();
            recipient = connection.QuerySingleOrDefault<RecipientRow>("""
                SELECT id, full_name AS FullName, language, country, city, email, phone, telegram
                FROM directory_compatriot WHERE id = @id
                """, new { id });
        }
        recipient ??= SampleRecipient(module, language);
        var certificate = campaign.Purpose == "certificate-delivery" ? SampleCertificate(module) : null;
        return composer.Compose(module, campaign.Id, campaign.Title, campaign.Template, recipient, "preview", certificate: certificate, meToken: "preview",
            project: causes.CauseOf(campaign.Id));
    }

    /// <summary>
    /// A delivery message names the holder's certificate and carries their own link; the preview shows a sample one, since
    /// a real holder's link is their secret and no staff page shows it.
    /// </summary>
    private CertificateModel SampleCertificate(ModuleManifest module)
    {
        var now = clock.GetUtcNow();
        var serial = $"{(module.Regions.Count > 0 ? module.Regions[0] : "KG")}-{now.Year.ToString(CultureInfo.InvariantCulture)}-00000";
        return models.Certificate(serial, "gratitude", module.Issuer.Name, "…", DateOnly.FromDateTime(now.UtcDateTime.AddDays(180)));
    }

    /// <summary>
    /// Writes the ledger and schedules dispatch. Launching twice changes nothing: the ledger's unique
    /// key and the status check make it idempotent.
    /// </summary>
    public (int Written, FieldError? Error) Launch(CampaignRow campaign, LaunchTime launch, CurrentUser user)
    {
        if (!campaign.IsDraft) return (0, null);
        var now = clock.GetUtcNow();
        if (launch.At is { } at && at > now.AddYears(1) || launch.LocalAt is { } local && local > now.UtcDateTime.AddYears(1))
            return (0, new FieldError("at", "The launch time is more than a year ahead."));
        var audience = AudienceSql.Build(ModuleOf(campaign), campaign.Segment, now.Year, AccessScope.Of(user).PeopleRegion);
        var result = ledger.Write(messages.Request(campaign, audience, launch));
        var first = result.FirstSend ?? result.WrittenAt;
        using (var connection = db.Open())
        {
            connection.Execute("""
                UPDATE campaign SET status = @status, launch_at = @first, launch_local = @local, launched_at = @now
                WHERE id = @Id AND status = 'draft'
                """, new
            {
                status = result.Waits ? CampaignStatus.Scheduled : CampaignStatus.Sending, first,
                local = launch.LocalAt?.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture), now, campaign.Id,
            });
        }
        audit.Record(user, "campaign.launch", $"campaign/{campaign.Id}", new { messages = result.Written, first });
        // A delay, not an instant: Hangfire counts on its own clock, the launch time on the host's TimeProvider.
        if (result.Waits) jobs.Schedule<Dispatcher>(d => d.DispatchCampaignAsync(campaign.Id, CancellationToken.None), first - result.WrittenAt);
        else jobs.Enqueue<Dispatcher>(d => d.DispatchCampaignAsync(campaign.Id, CancellationToken.None));
        return (result.Written, null);
    }

    /// <summary>Stops sending after the batch in flight; nothing is lost, resume continues where it stopped.</summary>
    public bool Pause(CampaignRow campaign, CurrentUser user) =>
        Logged(user, "campaign.pause", campaign, Transition(campaign.Id, "status IN ('sending', 'scheduled')", CampaignStatus.Paused));

    private bool Logged(CurrentUser user, string action, CampaignRow campaign, bool done)
    {
        if (done) audit.Record(user, action, $"campaign/{campaign.Id}");
        return done;
    }

    public bool Resume(CampaignRow campaign, CurrentUser user)
    {
        if (!Logged(user, "campaign.resume", campaign, Transition(campaign.Id, "status = 'paused'", CampaignStatus.Sending))) return false;
        jobs.Enqueue<Dispatcher>(d => d.DispatchCampaignAsync(campaign.Id, CancellationToken.None));
        return true;
    }

    /// <summary>Cancels for good: every message not yet sent is skipped with the reason "cancelled".</summary>
    public bool Cancel(CampaignRow campaign, CurrentUser user) => Logged(user, "campaign.cancel", campaign, CancelCore(campaign));

    private bool CancelCore(CampaignRow campaign)
    {
        using var connection = db.Open();
        using var transaction = connection.BeginTransaction();
        var changed = connection.Execute(
            "UPDATE campaign SET status = 'cancelled' WHERE id = @Id AND status NOT IN ('completed', 'cancelled')", new { campaign.Id }, transaction);
        // One transaction with the status: a cancelled campaign must not keep messages waiting to go.
        Ledger.CancelPending(connection, transaction, campaign.Id);
        transaction.Commit();
        return changed == 1;
    }

    /// <summary>Puts failed messages (of one reason, or all) back in the queue with fresh attempts.</summary>
    public int RetryFailed(CampaignRow campaign, string? reason)
    {
        var count = ledger.RetryFailed(campaign.Id, reason);
        if (count > 0)
        {
            Transition(campaign.Id, "status = 'completed'", CampaignStatus.Sending);
            jobs.Enqueue<Dispatcher>(d => d.DispatchCampaignAsync(campaign.Id, CancellationToken.None));
        }
        return count;
    }

    private bool Transition(long id, string from, string to)
    {
        using var connection = db.Open();
        return connection.Execute($"UPDATE campaign SET status = @to WHERE id = @id AND {from}", new { id, to }) == 1;
    }

    public ModuleManifest ModuleOf(CampaignRow campaign) =>
        modules.Find(campaign.ModuleId) ?? throw new InvalidOperationException($"Module '{campaign.ModuleId}' is not enabled.");

    private static RecipientRow SampleRecipient(ModuleManifest module, string language) => new(
        0,
        language switch { "ky" => "Айгүл Өмүрбекова", "ru" => "Айгуль Омурбекова", _ => "Aigul Omurbekova" },
        // A module that addresses its natives wherever they live names no country: the sample lives at home then.
        language, module.Countries.Count > 0 ? module.Countries[0] : "KG", null, null, null, null);
}
