using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using CampaignEngine.Core.Modules;
using CampaignEngine.Web.Features.Responses.Desk;
using CampaignEngine.Web.Features.Sending;
using CampaignEngine.Web.Infrastructure.Database;
using CampaignEngine.Web.ModuleHost;
using CampaignEngine.Web.Tests.Certificates;
using CampaignEngine.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CampaignEngine.Web.Tests.ModuleHost;

public sealed class HostEventTestsOnSqlite() : HostEventTests(TestHost.Sqlite);

public sealed class HostEventTestsOnPostgreSql() : HostEventTests(TestHost.PostgreSql);

/// <summary>
/// The events the host raises for modules beside the pledges' (a response reached the desk, an appeal completed, a
/// certificate was issued): each raised by the feature that owns what it reports, in its own transaction, and heard
/// once by a module's handler in a job, though the owner raises it again and the job runs again; a module whose
/// handlers all throw stops neither the listening module nor the action. The host here runs both test modules.
/// </summary>
public abstract class HostEventTests : IDisposable
{
    private readonly ConcurrentQueue<IDomainEvent> _heard = new();
    private readonly TestHost _host;

    protected HostEventTests(string engine)
    {
        _host = TestModuleHosts.With(engine,
            TestModuleHosts.Loaded("failing", new TestModule(_ => throw new InvalidOperationException("the module's own bug"))),
            TestModuleHosts.Loaded("listening", new TestModule(_heard.Enqueue)));
    }

    [SkippableFact]
    public async Task A_message_reaching_the_desk_is_heard_once_with_its_thread_person_channel_and_module()
    {
        var person = TestCompatriots.Insert(_host, new("Гүлнара Сейитова", "female", "KG-N", "DE"));
        var intake = _host.Services.GetRequiredService<DeskIntake>();
        var item = new InboundItem("whatsapp", "Кантип жардам берсем болот?", DateTimeOffset.UtcNow) { CompatriotId = person, ExternalId = "wamid.1" };

        var received = intake.Receive(item)!;
        Assert.Null(intake.Receive(item));

        var heard = await HeardOnce<ResponseReceived>();
        Assert.Equal((received.ThreadId, received.MessageId, (long?)person, "whatsapp", "naryn", true),
            (heard.ThreadId, heard.MessageId, heard.CompatriotId, heard.Channel, heard.ModuleId, heard.OpenedThread));
        await RaisedAgainAndRunAgainAsync(heard);
    }

    [SkippableFact]
    public async Task An_appeal_that_completes_is_heard_once_with_its_counts()
    {
        TestCompatriots.Insert(_host, new("Данияр Асанов", "male", "KG-Y", "AE"));
        var api = _host.AdminClient();
        var id = (long)(await api.PostJson("/api/campaigns", new { moduleId = "issyk-kul", name = "Completes" }, HttpStatusCode.Created))["id"]!;
        Assert.Equal(HttpStatusCode.Accepted, (await api.PostAsJsonAsync($"/api/campaigns/{id}/launch", new { })).StatusCode);

        var heard = await HeardOnce<CampaignCompleted>();
        Assert.Equal((id, "issyk-kul", 1L, 0L), (heard.CampaignId, heard.ModuleId, heard.Sent, heard.Failed));
        Assert.Equal("completed", (string?)(await api.GetJson($"/api/campaigns/{id}"))["status"]);
        // Completing again (a retry sent it once more) tells nobody twice.
        TestCompatriots.Scalar(_host, "UPDATE campaign SET status = 'sending' WHERE id = @id", new { id });
        using (var connection = _host.Services.GetRequiredService<Db>().Open())
            _host.Services.GetRequiredService<ICampaignProgress>().CompleteIfSending(connection, id);
        await RaisedAgainAndRunAgainAsync(heard);
    }

    [SkippableFact]
    public async Task An_issued_and_a_reissued_certificate_are_each_heard_once()
    {
        var holder = CertificateTestData.InsertCompatriot(_host, "Асел Токтосунова", homeRegion: "KG-Y");
        var api = _host.AdminClient();

        var issued = await api.PostJson("/api/certificates",
            new { compatriotId = holder, moduleId = "issyk-kul", kind = "gratitude", language = "ky", reason = "Мектепке жардам үчүн" }, HttpStatusCode.Created);
        var serial = (string)issued["serial"]!;

        var heard = await HeardOnce<CertificateIssued>();
        Assert.Equal(new CertificateIssued(serial, holder, "issyk-kul", "gratitude"), heard);
        await RaisedAgainAndRunAgainAsync(heard);
        var reissued = (string)(await api.PostJson($"/api/certificates/{serial}/reissue", new { reason = "Мектепти оңдоого жардам үчүн" }, HttpStatusCode.Created))["serial"]!;
        await Eventually.True(() => Task.FromResult(_heard.OfType<CertificateIssued>().Any(e => e.Serial == reissued)));
        Assert.Equal(serial, _heard.OfType<CertificateIssued>().Single(e => e.Serial == reissued).Replaces);
    }

    [SkippableFact]
    public void Every_event_the_host_raises_has_one_public_name()
    {
        Assert.Equal(["pledgeRecorded", "pledgeFulfilled", "responseReceived", "campaignCompleted", "certificateIssued"], DomainEvents.ByName.Keys);
        Assert.Equal("responseReceived", DomainEvents.NameOf(typeof(ResponseReceived)));
        Assert.All(DomainEvents.ByName.Values, type => Assert.True(typeof(IDomainEvent).IsAssignableFrom(type)));
    }

    public void Dispose()

    {

        _host.Dispose();

        GC.SuppressFinalize(this);

    }

    /// <summary>Waits for the listening module to hear one <typeparamref name="TEvent"/>, then checks it heard only that one.</summary>
    private async Task<TEvent> HeardOnce<TEvent>() where TEvent : IDomainEvent
    {
        await Eventually.True(() => Task.FromResult(_heard.OfType<TEvent>().Any()));
        return Assert.Single(_heard.OfType<TEvent>());
    }

    /// <summary>
    /// The owner's raise repeated and each delivery's job run twice more: the listening module still heard the event
    /// once, and the failing module's delivery was tried and waits for Hangfire's retry, apart.
    /// </summary>
    private async Task RaisedAgainAndRunAgainAsync(IDomainEvent domainEvent)
    {
        var events = _host.Services.GetRequiredService<ModuleEvents>();
        var raise = typeof(ModuleEvents).GetMethod(nameof(ModuleEvents.RaiseAsync))!.MakeGenericMethod(domainEvent.GetType());
        await (Task)raise.Invoke(events, [domainEvent])!;
        var name = DomainEvents.NameOf(domainEvent.GetType());
        var job = ActivatorUtilities.CreateInstance<ModuleEventJob>(_host.Services);
        var listening = TestCompatriots.Scalar(_host, "SELECT id FROM module_event WHERE event = @name AND idempotency_key = @key AND module_id = 'listening'",
            new { name, key = domainEvent.IdempotencyKey });
        await job.RunAsync(listening);
        await job.RunAsync(listening);

        Assert.Single(_heard, e => e.GetType() == domainEvent.GetType() && e.IdempotencyKey == domainEvent.IdempotencyKey);
        Assert.Equal(2, TestCompatriots.Scalar(_host, "SELECT COUNT(*) FROM module_event WHERE event = @name AND idempotency_key = @key",
            new { name, key = domainEvent.IdempotencyKey }));
        await Eventually.True(() => Task.FromResult(TestCompatriots.Scalar(_host,
            "SELECT COUNT(*) FROM module_event WHERE module_id = 'failing' AND event = @name AND idempotency_key = @key AND attempts >= 1 AND handled_at IS NULL",
            new { name, key = domainEvent.IdempotencyKey }) == 1));
    }

    /// <summary>A code module that hands each of the three events to <paramref name="heard"/>.</summary>
    private sealed class TestModule(Action<IDomainEvent> heard) : ICampaignModule
    {
        public void Configure(IModuleBuilder module)
        {
            module.On<ResponseReceived>(Hear);
            module.On<CampaignCompleted>(Hear);
            module.On<CertificateIssued>(Hear);
        }

        private Task Hear(IDomainEvent domainEvent, IModuleContext context)
        {
            heard(domainEvent);
            return Task.CompletedTask;
        }
    }
}
