import { Fragment, ReactNode, useEffect, useRef, useState } from 'react';
import { useLocation, useNavigate } from 'react-router-dom';
import { RefusedRuns } from './RefusedRuns';

/**
 * Wraps the scaffolder's templates page. When a run is refused (the client has shown the
 * reason in the portal's alert), the form is opened again with the values just entered,
 * through the wizard's own `?formData=` prefill: the stock wizard stays "creating" after a
 * failed run and would not create again (backstage#7716); a new one can.
 */
export function ReopenRefusedForm(props: {
  refusedRuns: RefusedRuns;
  children: ReactNode;
}) {
  const { refusedRuns, children } = props;
  const navigate = useNavigate();
  const location = useLocation();
  const pathname = useRef(location.pathname);
  pathname.current = location.pathname;
  const [opened, setOpened] = useState(0);

  useEffect(
    () =>
      refusedRuns.subscribe(run => {
        const search = new URLSearchParams({
          formData: JSON.stringify(run.values),
        });
        // The URL first (the new wizard reads its prefill when it mounts), then the new wizard.
        navigate(
          { pathname: pathname.current, search: `?${search}` },
          { replace: true },
        );
        setOpened(n => n + 1);
      }),
    [refusedRuns, navigate],
  );

  return <Fragment key={opened}>{children}</Fragment>;
}
