/**
 * Projector view for the room's screen, opened by the link with the session's projector key (no
 * account): big type, the current panel and its prompts, the join code and QR code. Before the
 * start: the title, "Starting soon" and the QR code; after the end: "Session ended, thank you"
 * and no invitation to join.
 */
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PanelContent } from "~/components/session/PanelView";
import { useFitToScreen } from "~/components/session/useFitToScreen";
import { formatJoinCode } from "~/domain/session";
import { useSession } from "~/realtime/useSession";
import { ProjectorStage, projectorView } from "~/components/polls/ProjectorStage";
import { usePolls } from "~/realtime/usePolls";
import pollStyles from "~/styles/polls.css";
import { joinLink, loadSession, sameSecret } from "~/utils/session-access.server";
import { qrDataUri } from "~/utils/qr.server";
import { pageTitle } from "~/utils/meta";
import { httpError } from "~/utils/errors.server";

export const handle = { bodyClass: "projector-body" };
export const links: LinksFunction = () => [{ rel: "stylesheet", href: pollStyles }];
export const meta: MetaFunction<typeof loader> = (args) => pageTitle(args, () => args.data?.state.title ?? null);

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const session = await loadSession(request, context, params.sessionId!);
  const key = new URL(request.url).searchParams.get("key") ?? "";
  if (!sameSecret(key, session.projectorKey)) throw httpError(request, 404);
  const state = await context.services.realtime.sessionState(session.id);
  if (!state) throw httpError(request, 404);
  const joinUrl = joinLink(context, session.joinCode);
  return { state, key, joinUrl, host: new URL(joinUrl, request.url).host, qr: await qrDataUri(joinUrl) };
}

export default function Projector() {
  const { t } = useTranslation();
  const { state: initial, key, host, qr, joinUrl } = useLoaderData<typeof loader>();
  const { state, socket, identity } = useSession(initial, { projectorKey: key });
  const polls = usePolls(socket, identity, { sessionId: initial.sessionId });
  // A projected poll or the top questions take the panel's place; the join aside stays.
  const stage = state.status === "live" && projectorView(polls) ? <ProjectorStage api={polls} /> : null;
  const panel = state.panels[state.currentPanelIndex];
  const ended = state.status === "ended";
  const main = useFitToScreen<HTMLDivElement>();
  return (
    <div className={`projector${ended ? " projector-ended" : ""}`} data-testid="projector" data-status={state.status}>
      <div className="stack" ref={main} data-testid="projector-main">
        <p className="muted">{state.workshopTitle}</p>
        {stage ?? (state.status === "live" && panel ? (
          <PanelContent panel={panel} index={state.currentPanelIndex} total={state.panels.length} headingLevel={1} />
        ) : (
          <>
            <h1 data-testid="current-panel">{ended ? t("session.projector.ended") : state.title}</h1>
            {state.status === "ready" ? <p className="muted">{t("session.projector.waiting")}</p> : null}
          </>
        ))}
      </div>
      {/* After the end there is nothing to join: no QR code, no "Scan to join". */}
      {ended ? null : (
        <aside aria-label={t("session.projector.scan")}>
          <p>{t("session.projector.scan")}</p>
          <img className="qr" src={qr} alt={joinUrl} width={288} height={288} />
          <p className="muted">{t("session.projector.orGoTo", { host })}</p>
          <p className="join-code">{formatJoinCode(state.joinCode)}</p>
          <span className="badge">{t(`common.rule.${state.rule}`)}</span>
        </aside>
      )}
    </div>
  );
}
