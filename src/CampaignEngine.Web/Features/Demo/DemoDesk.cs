using CampaignEngine.Web.Features.Compatriots;
using CampaignEngine.Web.Features.Responses.Desk;

namespace CampaignEngine.Web.Features.Demo;

/// <summary>One question of the demo desk: who asks (a native of <paramref name="Region"/> who reads <paramref name="Language"/>), how, how long ago, and what about.</summary>
internal sealed record DemoQuestion(string Region, string Language, string Channel, int HoursAgo, string Topic, string Text);

/// <summary>
/// Questions and replies from the regions' natives on the responses desk, so a new user finds threads to read, tag,
/// assign and answer: some fresh, some past their answer time. They come in through the desk's own intake, as a
/// provider's callback or the question form brings them, and their region's demo administration tags them and takes
/// every second one, through the desk's actions (with their audit).
/// </summary>
internal sealed class DemoDesk(CompatriotQueries compatriots, DeskIntake intake, DeskThreads threads, TimeProvider clock)
{
    private static readonly IReadOnlyList<DemoQuestion> Questions =
    [
        new("KG-N", "ky", "whatsapp", 3, "project-question", "Ат-Башыдагы мектептин чатырын качан оңдой башташат? Өткөн айда акча которгом."),
        new("KG-N", "ru", "telegram", 384, "return", "Мы с семьёй хотим вернуться в Нарын в следующем году. Есть ли программа поддержки для тех, кто возвращается?"),
        new("KG-Y", "ru", "whatsapp", 5, "documents", "У меня заканчивается срок паспорта, я в Дубае. Где его можно поменять и сколько это займёт?"),
        new("KG-Y", "en", "email", 52, "investment", "I would like to invest in a small guesthouse near Cholpon-Ata. Who can advise me on leasing the land?"),
        new("KG-T", "ky", "web", 2, "thanks", "Рахмат! Айылыбыздагы медпункттун жаңы жабдууларынын сүрөттөрүн көрдүк, абдан сонун болуптур."),
        new("KG-T", "ru", "sms", 432, "pensions", "Как учитывается мой стаж работы в Канаде для пенсии в Кыргызстане? Куда обращаться?"),
        new("KG-B", "ky", "whatsapp", 8, "project-question", "Кара-Бакка суу түтүгү качан жетет? Биздин көчөгө да тартылабы?"),
        new("KG-J", "ru", "telegram", 576, "complaint", "Ваше сообщение пришло мне дважды, а ссылка во втором не открывается."),
        new("KG-O", "ky", "whatsapp", 20, "documents", "Москвада туулган баламдын туулгандыгы тууралуу күбөлүгүн кантип Кыргызстанда каттатсам болот?"),
        new("KG-C", "ru", "web", 1, "other", "Могу ли я помочь мастерской как преподаватель сварки, если приеду летом на два месяца?"),
        new("KG-GB", "en", "email", 40, "investment", "Our IT company in Berlin is looking for a partner in Bishkek for a coding school. Who should we talk to?"),
        new("KG-GO", "ky", "telegram", 6, "return", "Ошко кайтып келип, Сулайман-Тоодо гид болуп иштегим келет. Курстар барбы?"),
    ];

    public int Seed(DemoStaff staff)
    {
        var asked = 0;
        foreach (var (question, i) in Questions.Select((q, i) => (q, i)))
        {
            if (!staff.OblastByRegion.TryGetValue(question.Region, out var oblast)) continue;
            if (Asker(question, oblast) is not { } person) continue;
            var received = intake.Receive(new InboundItem(question.Channel, question.Text, clock.GetUtcNow().AddHours(-question.HoursAgo))
            {
                CompatriotId = person.Id, OpensThread = true,
            });
            if (received is null) continue;
            threads.Tag(oblast, received.ThreadId, [question.Topic]);
            if (i % 2 == 0) threads.Assign(oblast, received.ThreadId, oblast.Id);
            asked++;
        }
        return asked;
    }

    /// <summary>A native of the question's region who reads its language; someone from the region if none does.</summary>
    private CompatriotItem? Asker(DemoQuestion question, Auth.CurrentUser oblast) =>
        First(compatriots.List(new CompatriotFilter(question.Region, null, null, question.Language, null, Page: 1, PageSize: 1), oblast))
        ?? First(compatriots.List(new CompatriotFilter(question.Region, null, null, null, null, Page: 1, PageSize: 1), oblast));

    private static CompatriotItem? First(CompatriotPage page) => page.Items.Count > 0 ? page.Items[0] : null;
}
