/**
 * Participant view (phone-first): follows the facilitator's current panel live over Socket.io.
 * A participant who reconnects or joins late gets the full state on connect and lands on the
 * current panel.
 */
import { redirect, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ConnectionStatus, PanelContent } from "~/components/session/PanelView";
import { notesOpenToAllKey } from "~/components/notes/access";
import { PanelNotes } from "~/components/notes/PanelNotes";
import notesStyles from "~/styles/notes.css";
import { useSession } from "~/realtime/useSession";
import { ParticipantPolls } from "~/components/polls/ParticipantPolls";
import { QuestionBox } from "~/components/polls/QuestionBox";
import { usePolls } from "~/realtime/usePolls";
import pollStyles from "~/styles/polls.css";
import { getOptionalUser } from "~/utils/auth.server";
import { getSessionParticipant, loadSession } from "~/utils/session-access.server";
import { pageTitle } from "~/utils/meta";
import { httpError } from "~/utils/errors.server";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: notesStyles },
  { rel: "stylesheet", href: pollStyles },
];
export const meta: MetaFunction<typeof loader> = (args) => pageTitle(args, () => args.data?.state.title ?? null);

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const session = await loadSession(request, context, params.sessionId!);
  const participant = await getSessionParticipant(request, context, session.id);
  if (!participant) {
    // Staff of the workshop go to the console; anyone else joins first.
    const user = await getOptionalUser(request, context);
    const role = user ? await context.services.stores.workshops.getMemberRole(session.workshopId, user.id) : null;
    throw redirect(role && role !== "rapporteur" ? `/s/${session.id}/console` : `/j/${session.joinCode}`);
  }
  const state = await context.services.realtime.sessionState(session.id);
  if (!state) throw httpError(request, 404);
  // Notes are read-only for participants unless the facilitator opened them to everyone (notes page).
  const notesWritable = participant.role === "participant" && (await context.services.stores.settings.get(notesOpenToAllKey(session.id))) === "1";
  return { state, displayName: participant.displayName, notesWritable };
}

export default function ParticipantView() {
  const { t } = useTranslation();
  const { state: initial, displayName, notesWritable } = useLoaderData<typeof loader>();
  const { state, connected, socket, identity } = useSession(initial);
  const polls = usePolls(socket, identity, { sessionId: initial.sessionId });
  const panel = state.panels[state.currentPanelIndex];
  return (
    <div className="phone stack">
      <div className="row spread">
        <span className="badge">{t(`common.rule.${state.rule}`)}</span>
        <ConnectionStatus connected={connected} />
      </div>
      <p className="muted small">
        {state.workshopTitle} · {state.title}
      </p>
      <div className="card" data-testid="session-status" data-status={state.status}>
        {state.status === "ready" ? (
          <>
            <h1>{state.title}</h1>
            <p>{t("session.participant.waiting")}</p>
          </>
        ) : state.status === "ended" ? (
          <>
            <h1>{state.title}</h1>
            <p>{t("session.participant.ended")}</p>
          </>
        ) : panel ? (
          <PanelContent panel={panel} index={state.currentPanelIndex} total={state.panels.length} headingLevel={1} />
        ) : null}
      </div>
      {state.status === "live" ? (
        <>
          <ParticipantPolls api={polls} panelId={panel?.id ?? null} />
          <QuestionBox api={polls} />
        </>
      ) : null}
      {state.status === "live" && panel ? <PanelNotes sessionId={state.sessionId} panel={panel} canWrite={notesWritable} /> : null}
      <p className="muted small">
        {/* In the past tense once the session has ended ("You are taking part" under "Thank you for taking part" read oddly). */}
        {state.status === "ended"
          ? displayName ? t("session.participant.youWere", { name: displayName }) : t("session.participant.anonymousWas")
          : displayName ? t("session.participant.youAre", { name: displayName }) : t("session.participant.anonymous")}
      </p>
    </div>
  );
}
