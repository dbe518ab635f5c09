using System.Globalization;
using CampaignEngine.Web.Features.Responses;
using CampaignEngine.Web.Features.Responses.Desk;
using Hangfire;
using Hangfire.Common;
using Hangfire.States;
using CampaignEngine.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CampaignEngine.Web.Tests.Responses;

public sealed class AnswerOutcomeTestsOnSqlite() : AnswerOutcomeTests(TestHost.Sqlite);

public sealed class AnswerOutcomeTestsOnPostgreSql() : AnswerOutcomeTests(TestHost.PostgreSql);

/// <summary>
/// The thread hears how its answer ended in the ledger: sent, or not delivered and why — then it waits for an answer
/// again, so that staff see it needs them (overdue, and first in the desk, when the person's deadline has passed).
/// </summary>
public abstract class AnswerOutcomeTests(string engine)
{
    private const string Answer = "Саламатсызбы! Документтериңизди Социалдык фонддун кеңсесине алып келиңиз.";

    [SkippableFact]
    public async Task An_answer_the_person_opted_out_of_after_it_was_queued_is_not_sent_and_its_thread_waits_again_first_in_the_desk()
    {
        using var desk = await AnswerHost.StartAsync(engine);
        var person = desk.Person("Нурлан Асанов", "ky", "whatsapp");
        var thread = desk.Ask(person, "whatsapp", DateTimeOffset.UtcNow.AddDays(-30)).ThreadId;
        var services = desk.Host.Factory.Services;
        // The minutely sweep (the ledger's safety net) would claim the waiting row if a minute turned in between.
        services.GetRequiredService<Hangfire.IRecurringJobManager>().RemoveIfExists("dispatch-sweep");
        // A sweep the minute queued before that still runs: it once claimed and sent the answer before the opt-out.
        await NoSweepQueuedOrRunningAsync(services.GetRequiredService<JobStorage>());
        var held = new HeldJobs();
        // Staff answer, and the delivery job puts the answer in the ledger. The jobs they queue are held, so that the
        // person's opt-out surely comes between the ledger row and the dispatcher.
        var answerId = ActivatorUtilities.CreateInstance<DeskThreads>(services, held).Answer(desk.Admin, thread, Answer).MessageId!.Value;
        using (var scope = services.CreateScope())
            await ActivatorUtilities.CreateInstance<AnswerDelivery>(scope.ServiceProvider, held).DeliverAsync(answerId, CancellationToken.None);
        var campaignId = desk.CampaignOf(answerId)!.Value;
        Assert.Equal("pending", desk.Host.Ledger(campaignId).Single().Status);

        // The person's STOP on WhatsApp, as the webhook records it: their waiting messages on it are skipped at once.
        services.GetRequiredService<Consent>().OptOut(person, "whatsapp", "whatsapp-stop-word");
        await desk.Host.DispatchAsync(campaignId);

        var row = desk.Host.Ledger(campaignId).Single();
        Assert.Equal(("skipped", "opted-out"), (row.Status, row.Error));
        Assert.Empty(desk.Requests("whatsapp"));
        var view = services.GetRequiredService<DeskQueries>().Find(desk.Admin, thread)!;
        var undelivered = Assert.Single(view.Lines, l => l.Event?.Code == ThreadEvent.AnswerUndelivered).Event!;
        Assert.Equal(answerId.ToString(CultureInfo.InvariantCulture), undelivered.Args["answer"]);
        Assert.Equal(("whatsapp", "opted-out"), (undelivered.Args["channel"], undelivered.Args["reason"]));
        Assert.DoesNotContain(view.Lines, l => l.Event?.Code == ThreadEvent.AnswerSent);
        Assert.Equal("assigned", view.Thread.State);
        Assert.True(view.Thread.IsOverdueAt(DateTimeOffset.UtcNow));
        var overdue = services.GetRequiredService<DeskQueries>().List(desk.Admin, new DeskFilter { Overdue = true });
        Assert.Equal([thread], overdue.Items.Select(i => i.Id));
        Assert.Equal(1, overdue.Total);
    }

    [SkippableFact]
    public async Task An_answer_that_went_says_so_on_its_thread_once_and_the_thread_stays_answered()
    {
        using var desk = await AnswerHost.StartAsync(engine);
        var person = desk.Person("Нурлан Асанов", "ky", "whatsapp");
        var thread = desk.Ask(person, "whatsapp", DateTimeOffset.UtcNow.AddHours(-1)).ThreadId;
        var answerId = desk.Answer(thread, Answer);

        await desk.DeliverAsync(answerId);
        await desk.DeliverAsync(answerId);

        var view = desk.Host.Factory.Services.GetRequiredService<DeskQueries>().Find(desk.Admin, thread)!;
        var sent = Assert.Single(view.Lines, l => l.Event?.Code == ThreadEvent.AnswerSent).Event!;
        Assert.Equal(("whatsapp", answerId.ToString(CultureInfo.InvariantCulture)), (sent.Args["channel"], sent.Args["answer"]));
        Assert.Equal("answered", view.Thread.State);
        Assert.Null(view.Thread.DueAt);
    }

    /// <summary>Waits until no dispatch sweep is queued or running, before the answer exists for one to send.</summary>
    private static async Task NoSweepQueuedOrRunningAsync(JobStorage storage)
    {
        var monitoring = storage.GetMonitoringApi();
        static bool IsSweep(Job? job) => job?.Method.Name == nameof(CampaignEngine.Web.Features.Sending.Dispatcher.SweepAsync);
        for (var wait = 0; wait < 200; wait++)
        {
            var queued = monitoring.Queues().Any(q => monitoring.EnqueuedJobs(q.Name, 0, 1_000).Any(j => IsSweep(j.Value.Job)));
            if (!queued && !monitoring.ProcessingJobs(0, 1_000).Any(j => IsSweep(j.Value.Job))) return;
            await Task.Delay(50);
        }
        throw new TimeoutException("A dispatch sweep queued before the test was still queued or running after 10 s.");
    }

    /// <summary>Hangfire's client that queues nothing: the test runs each job itself, in the order it needs.</summary>
    private sealed class HeldJobs : IBackgroundJobClient
    {
        public string Create(Job job, IState state) => Guid.NewGuid().ToString("N");

        public bool ChangeState(string jobId, IState state, string expectedState) => true;
    }
}
