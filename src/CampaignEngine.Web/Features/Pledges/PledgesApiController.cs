using CampaignEngine.Web.Features.Shared;
using Microsoft.AspNetCore.Authorization;
using CampaignEngine.Web.Features.Auth;
using CampaignEngine.Web.Features.Compatriots;
using CampaignEngine.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc;

namespace CampaignEngine.Web.Features.Pledges;

/// <summary>A pledge recorded by staff on a compatriot's behalf (a leader at a community evening, an officer on the phone).</summary>
internal sealed class PledgeRequest
{
    public long? CompatriotId { get; set; }
    public long? CampaignId { get; set; }
    public PledgeInput Pledge { get; } = new();

    // Flattened on the wire: { compatriotId, kind, amount, currency, hours, … }.
    public string? Kind { get => Pledge.Kind; set => Pledge.Kind = value; }
    public decimal? Amount { get => Pledge.Amount; set => Pledge.Amount = value; }
    public string? Currency { get => Pledge.Currency; set => Pledge.Currency = value; }
    public decimal? Hours { get => Pledge.Hours; set => Pledge.Hours = value; }
    public decimal? Items { get => Pledge.Items; set => Pledge.Items = value; }
    public string? ContributionType { get => Pledge.ContributionType; set => Pledge.ContributionType = value; }
    public string? Description { get => Pledge.Description; set => Pledge.Description = value; }
    public string? Sector { get => Pledge.Sector; set => Pledge.Sector = value; }
    public string? TargetRegion { get => Pledge.TargetRegion; set => Pledge.TargetRegion = value; }
    public long? ProjectId { get => Pledge.ProjectId; set => Pledge.ProjectId = value; }
    public string? Recurring { get => Pledge.Recurring; set => Pledge.Recurring = value; }
    public bool PublicNameConsent { get => Pledge.PublicNameConsent; set => Pledge.PublicNameConsent = value; }
}

internal sealed record ReasonRequest(string? Reason);

[Route("api")]
internal sealed class PledgesApiController(
    PledgeStore pledges, PledgeRecorder recorder, Fulfilments fulfilments, Rates rates, CompatriotQueries compatriots, TimeProvider clock, Audit.AuditLog audit) : ApiControllerBase
{
    [HttpPost("pledges"), Authorize(Policy = Roles.Recorders, AuthenticationSchemes = ApiKeyAuthenticationHandler.SchemeName)]
    public async Task<IActionResult> Create([FromBody] PledgeRequest request)
    {
        if (Me.Role == Roles.Oblast) return Problems.Forbidden("Pledges are recorded by officers and diaspora leaders.");
        if (request.CompatriotId is not { } compatriotId) return Problems.Invalid("compatriotId", "Say whose pledge this is.");
        // Scoped lookup: a leader can record pledges only for the members of their own organisation.
        if (compatriots.Find(compatriotId, Me) is null) return Problems.Invalid("compatriotId", $"No compatriot {compatriotId} that you may record pledges for.");
        if (request.Pledge.Problem(rates.IsKnown) is { } problem) return Problems.Invalid(problem.Field, problem.Message);
        if (request.ProjectId is { } projectId && !pledges.ProjectExists(projectId)) return Problems.Invalid("projectId", $"No project {projectId}.");
        var origin = new PledgeOrigin(Me.Role == Roles.Leader ? "leader" : "officer", Me.Id, request.CampaignId, null);
        var id = await recorder.RecordAsync(compatriotId, request.Pledge, origin);
        audit.Record(Me, "pledge.record", $"pledge/{id}", new { kind = request.Kind });
        return Created($"/api/pledges/{id}", Describe(pledges.Find(id, Me)!));
    }

    [HttpGet("pledges")]
    public IEnumerable<object> List(long? campaignId, long? compatriotId, long? projectId, string? status) =>
        pledges.List(new PledgeFilter(campaignId, compatriotId, projectId, status), Me).Select(Describe);

    [HttpGet("pledges/{id:long}")]
    public IActionResult Get(long id) => pledges.Find(id, Me) is { } pledge ? Ok(Describe(pledge)) : Problems.NotFound($"No pledge {id}.");

    [HttpPost("pledges/{id:long}/confirm"), Authorize(Policy = Roles.Recorders, AuthenticationSchemes = ApiKeyAuthenticationHandler.SchemeName)]
    public IActionResult Confirm(long id)
    {
        // Oblast administrations read their region's pledges; changing them is for officers and leaders.
        if (Me.Role == Roles.Oblast) return Problems.Forbidden("Pledges are changed by officers and diaspora leaders.");
        if (pledges.Find(id, Me) is null) return Problems.NotFound($"No pledge {id}.");
        if (!pledges.Confirm(id, clock.GetUtcNow())) return Problems.Conflict("Only a new pledge can be confirmed.");
        audit.Record(Me, "pledge.confirm", $"pledge/{id}");
        return Ok(Describe(pledges.Find(id, Me)!));
    }

    [HttpPost("pledges/{id:long}/cancel"), Authorize(Policy = Roles.Recorders, AuthenticationSchemes = ApiKeyAuthenticationHandler.SchemeName)]
    public IActionResult Cancel(long id, [FromBody] ReasonRequest request) => Close(id, "cancelled", request.Reason);

    [HttpPost("pledges/{id:long}/write-off"), Authorize(Policy = Roles.Recorders, AuthenticationSchemes = ApiKeyAuthenticationHandler.SchemeName)]
    public IActionResult WriteOff(long id, [FromBody] ReasonRequest request) => Close(id, "written_off", request.Reason);

    [HttpPost("pledges/{id:long}/fulfilments"), Authorize(Policy = Roles.Recorders, AuthenticationSchemes = ApiKeyAuthenticationHandler.SchemeName)]
    public IActionResult RecordFulfilment(long id, [FromBody] FulfilmentInput input)
    {
        if (Me.Role == Roles.Oblast) return Problems.Forbidden("Fulfilments are recorded by officers and diaspora leaders.");
        if (pledges.Find(id, Me) is not { } pledge) return Problems.NotFound($"No pledge {id}.");
        var (fulfilmentId, field, error) = fulfilments.Record(pledge, input, Me);
        if (error is not null) return field == "status" ? Problems.Conflict(error) : Problems.Invalid(field!, error);
        return Created($"/api/fulfilments/{fulfilmentId}", new { id = fulfilmentId, pledgeId = id, status = "awaiting_approval" });
    }

    [HttpPost("fulfilments/{id:long}/approve"), Authorize(Policy = Roles.Recorders, AuthenticationSchemes = ApiKeyAuthenticationHandler.SchemeName)]
    public IActionResult Approve(long id)
    {
        if (Me.Role == Roles.Oblast) return Problems.Forbidden("Fulfilments are approved by another leader of the organisation or an officer.");
        if (fulfilments.Find(id) is not { } fulfilment || pledges.Find(fulfilment.PledgeId, Me) is not { } pledge)
            return Problems.NotFound($"No fulfilment {id}.");
        if (fulfilments.Approve(fulfilment, pledge, Me) is { } error)
            return fulfilment.RecordedBy == Me.Id ? Problems.Forbidden(error) : Problems.Conflict(error);
        return Ok(Describe(pledges.Find(pledge.Id, Me)!));
    }

    [HttpPost("fulfilments/{id:long}/reject"), Authorize(Policy = Roles.Recorders, AuthenticationSchemes = ApiKeyAuthenticationHandler.SchemeName)]
    public IActionResult Reject(long id, [FromBody] ReasonRequest request)
    {
        if (Me.Role == Roles.Oblast) return Problems.Forbidden("Fulfilments are decided by another leader of the organisation or an officer.");
        if (fulfilments.Find(id) is not { } fulfilment || pledges.Find(fulfilment.PledgeId, Me) is not { } pledge)
            return Problems.NotFound($"No fulfilment {id}.");
        if (string.IsNullOrWhiteSpace(request.Reason)) return Problems.Invalid("reason", "Say why the fulfilment is rejected.");
        return fulfilments.Reject(fulfilment, Me, request.Reason.Trim()) is { } error ? Problems.Conflict(error) : Ok(Describe(pledge));
    }

    [HttpPut("rates"), Authorize(Policy = Roles.AdminOnly, AuthenticationSchemes = ApiKeyAuthenticationHandler.SchemeName)]
    public IActionResult PutRates([FromBody] RateInput[] input)
    {
        if (!Me.IsAdmin) return Problems.Forbidden("Only an administrator maintains the rate table.");
        for (var i = 0; i < input.Length; i++)
            if (input[i].Problem() is { } problem) return Problems.Invalid($"[{i}].{problem.Split(':')[0]}", problem);
        rates.Upsert(input);
        audit.Record(Me, "rates.update", null, new { rows = input.Length });
        return Ok(new { updated = input.Length });
    }

    private IActionResult Close(long id, string status, string? reason)
    {
        if (Me.Role == Roles.Oblast) return Problems.Forbidden("Pledges are changed by officers and diaspora leaders.");
        if (pledges.Find(id, Me) is null) return Problems.NotFound($"No pledge {id}.");
        if (string.IsNullOrWhiteSpace(reason)) return Problems.Invalid("reason", "Give the reason.");
        if (!pledges.Close(id, status, reason.Trim(), clock.GetUtcNow())) return Problems.Conflict("Only an open pledge can be cancelled or written off.");
        audit.Record(Me, $"pledge.{status}", $"pledge/{id}");
        return Ok(Describe(pledges.Find(id, Me)!));
    }

    private object Describe(PledgeRow p) => new
    {
        id = p.Id, compatriotId = p.CompatriotId, campaignId = p.CampaignId, projectId = p.ProjectId,
        status = p.Status, statusReason = p.StatusReason, kind = p.Kind, contributionType = p.ContributionType,
        amount = p.Amount, currency = p.Currency, amountUsd = p.AmountUsd, amountKgs = p.AmountKgs,
        hours = p.Hours, items = p.Items, description = p.Description, sector = p.Sector, targetRegion = p.TargetRegion,
        recurring = p.Recurring, publicNameConsent = p.PublicNameConsent, fulfilledUsd = p.FulfilledUsd, fulfilledHours = p.FulfilledHours, recordedBy = p.RecordedBy,
        gender = p.Gender, ageBand = p.AgeBand, homeRegion = p.HomeRegion, country = p.Country, createdAt = p.CreatedAt,
        // A monthly pledge as its maker steers it from their page: running, paused or stopped, by whom ("self") and when.
        standing = p.Recurring == "monthly" ? Mine.Standing.StateOf(p) : null, standingBy = p.StandingBy, standingAt = p.StandingAt,
        fulfilments = fulfilments.ForPledge(p.Id).Select(f => new
        {
            id = f.Id, amount = f.Amount, currency = f.Currency, amountUsd = f.AmountUsd, hours = f.Hours, evidence = f.Evidence,
            status = f.Status, recordedAt = f.RecordedAt, reason = f.Reason,
        }),
    };
}
