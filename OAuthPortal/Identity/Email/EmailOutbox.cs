using System.Threading.Channels;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace OAuthPortal.Identity.Email;

/// <summary>
/// Delivers the portal's e-mail in the background, so a page never waits for a mail server: a slow or failing SMTP
/// server cannot stall sign-up or password reset, nor make them take measurably longer for addresses that have an
/// account (which would tell them apart). At most <see cref="Capacity"/> messages wait; beyond that a message is
/// dropped with a warning rather than letting a flood of requests fill memory. On shutdown the queued messages are
/// delivered before the portal stops.
/// </summary>
public sealed class EmailOutbox(IOptions<EmailSettings> options, ILogger<EmailOutbox> logger) : BackgroundService
{
    public const int Capacity = 1000;

    private readonly Channel<MimeMessage> _queue =
        Channel.CreateBounded<MimeMessage>(new BoundedChannelOptions(Capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    /// <summary>Queues <paramref name="message"/>; false when the queue is full or the portal is shutting down.</summary>
    public bool Enqueue(MimeMessage message) => _queue.Writer.TryWrite(message);

    public override Task StopAsync(CancellationToken cancellationToken)
    {
        _queue.Writer.TryComplete();
        return base.StopAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Not cancelled by stoppingToken: after StopAsync completes the queue, what is left is still delivered.
        await foreach (var message in _queue.Reader.ReadAllAsync(CancellationToken.None))
        {
            using (message)
            {
                try
                {
                    await DeliverAsync(message);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    logger.LogWarning("E-mail \"{Subject}\" could not be delivered: {Reason}", message.Subject, exception.Message);
                }
            }
        }
    }

    private async Task DeliverAsync(MimeMessage message)
    {
        var settings = options.Value;
        if (!string.IsNullOrWhiteSpace(settings.PickupDirectory))
        {
            Directory.CreateDirectory(settings.PickupDirectory);
            var file = Path.Combine(settings.PickupDirectory, $"{message.Date.UtcDateTime:yyyyMMddHHmmssfff}-{Guid.NewGuid():N}");
            await message.WriteToAsync(file + ".tmp");
            File.Move(file + ".tmp", file + ".eml"); // whoever picks up .eml files never sees half a message
            return;
        }

        using var smtp = new MailKit.Net.Smtp.SmtpClient { Timeout = 30_000 };
        var security = settings.SmtpSecurity switch
        {
            SmtpSecurity.Tls => SecureSocketOptions.SslOnConnect,
            SmtpSecurity.None => SecureSocketOptions.None,
            _ => SecureSocketOptions.StartTls,
        };
        await smtp.ConnectAsync(settings.SmtpHost!, settings.SmtpPort, security);
        if (!string.IsNullOrEmpty(settings.SmtpUserName))
        {
            await smtp.AuthenticateAsync(settings.SmtpUserName, settings.SmtpPassword ?? "");
        }

        await smtp.SendAsync(message);
        await smtp.DisconnectAsync(quit: true);
    }
}
